import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLedger } from "../../ledger/create-ledger.js";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import { type RedisTestServer, startRedisServer } from "../__fixtures__/redis-test-server.js";
import { spawnWorker } from "../__fixtures__/spawn-worker.js";
import { sleep } from "../__fixtures__/test-server-process.js";
import { redisStore } from "./redis-store.js";

describeWithServer("redis", "redisStore across OS processes", () => {
  let server: RedisTestServer;
  let client: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    client = new Redis(server.port, server.host, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it("two processes × 100 concurrent $0.01 holds against one $1 budget admit exactly 100", async () => {
    const prefix = `procs:${randomUUID()}:`;
    const startAtMs = Date.now() + 2_500; // both fire at once, after their start-up
    const workers = [1, 2].map(() =>
      spawnWorker("reserve-worker.ts", ["burst", "redis", server.url, prefix, String(startAtMs)]),
    );
    const results = await Promise.all(
      workers.map(async (worker) => {
        const line = await worker.waitForLine((text) => text.startsWith("RESULT "));
        return JSON.parse(line.slice("RESULT ".length)) as {
          admitted: number;
          denied: number;
          errors: string[];
        };
      }),
    );
    expect(results.flatMap((result) => result.errors)).toEqual([]);
    // $1 / $0.01 = 100 holds fit; the other 100 of the 200 are denied.
    expect(results[0]!.admitted + results[1]!.admitted).toBe(100);
    expect(results[0]!.denied + results[1]!.denied).toBe(100);
    const store = redisStore({ client, prefix });
    const ledger = createLedger({
      store,
      prices: { "acme:m": { inputMtok: 10, outputMtok: 0 } },
      budgets: [{ id: "shared", scope: "global", window: "total", limit: { usd: 1 } }],
    });
    const [status] = await ledger.status();
    // 100 holds × 10_000_000 nano-USD = 1_000_000_000 nano-USD held (holds live 1 s).
    expect(status?.held).toBe(1_000_000_000);
  }, 120_000);

  it("a process killed while holding a reservation frees it by TTL", async () => {
    const prefix = `dead:${randomUUID()}:`;
    const worker = spawnWorker("reserve-worker.ts", ["hold", "redis", server.url, prefix]);
    const heldAtMs = Number(
      (await worker.waitForLine((line) => line.startsWith("HELD "))).slice(5),
    );
    worker.kill("SIGKILL");
    await worker.exited();
    const ledgerAt = (now?: () => number) =>
      createLedger({
        store: redisStore({ client, prefix }),
        prices: { "acme:m": { inputMtok: 10, outputMtok: 0 } },
        budgets: [{ id: "shared", scope: "global", window: "total", limit: { usd: 1 } }],
        ...(now ? { now } : {}),
      });
    // At the hold's own clock the dead process still holds $0.90 = 900_000_000 nano-USD.
    const [before] = await ledgerAt(() => heldAtMs).status();
    expect(before?.held).toBe(900_000_000);
    // Nobody releases it; once its 1 s TTL has passed a $0.50 hold fits the $1 budget.
    const ledger = ledgerAt();
    const half = { model: "acme:m", estimate: { inputTokens: 50_000, outputTokens: 0 } };
    await sleep(Math.max(0, heldAtMs + 1_000 - Date.now()));
    const reservation = await ledger.reserve(half);
    expect(reservation.estimate.costNanoUsd).toBe(500_000_000);
    const [after] = await ledger.status();
    // Only our $0.50 hold remains.
    expect(after?.held).toBe(500_000_000);
  }, 120_000);
});
