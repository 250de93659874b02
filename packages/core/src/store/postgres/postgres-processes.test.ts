import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLedger } from "../../ledger/create-ledger.js";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import {
  type PostgresTestServer,
  startPostgresServer,
} from "../__fixtures__/postgres-test-server.js";
import { spawnWorker } from "../__fixtures__/spawn-worker.js";
import { sleep } from "../__fixtures__/test-server-process.js";
import { postgresStore } from "./postgres-store.js";

describeWithServer("postgres", "postgresStore across OS processes", () => {
  let server: PostgresTestServer;
  let client: pg.Pool;

  beforeAll(async () => {
    server = await startPostgresServer();
    client = new pg.Pool({ connectionString: server.url, max: 4 });
  });
  afterAll(async () => {
    await client?.end();
    await server?.stop();
  });

  it("two processes × 4 connections (8 in all) × 100 concurrent $0.01 holds against one $1 budget admit exactly 100", async () => {
    const prefix = `procs_${randomUUID().slice(0, 8)}_`;
    await postgresStore({ client, tablePrefix: prefix }).migrate();
    const startAtMs = Date.now() + 2_500; // both fire at once, after their start-up
    const workers = [1, 2].map(() =>
      spawnWorker("reserve-worker.ts", [
        "burst",
        "postgres",
        server.url,
        prefix,
        String(startAtMs),
      ]),
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
    const store = postgresStore({ client, tablePrefix: prefix });
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
    const prefix = `dead_${randomUUID().slice(0, 8)}_`;
    await postgresStore({ client, tablePrefix: prefix }).migrate();
    const worker = spawnWorker("reserve-worker.ts", ["hold", "postgres", server.url, prefix]);
    const heldAtMs = Number(
      (await worker.waitForLine((line) => line.startsWith("HELD "))).slice(5),
    );
    worker.kill("SIGKILL");
    await worker.exited();
    const ledgerAt = (now?: () => number) =>
      createLedger({
        store: postgresStore({ client, tablePrefix: prefix }),
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
