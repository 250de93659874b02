import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterEach, expect, it } from "vitest";
import { StoreUnavailableError } from "../../errors/store-unavailable-error.js";
import { createLedger } from "../../ledger/create-ledger.js";
import type { LedgerEvents } from "../../ledger/types.js";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import { type RedisTestServer, startRedisServer } from "../__fixtures__/redis-test-server.js";
import { sleep } from "../__fixtures__/test-server-process.js";
import { redisStore } from "./redis-store.js";

/** $10 per 1M input tokens: a call of 1_000 input tokens costs $0.01 = 10_000_000 nano-USD. */
const prices = { "acme:m": { inputMtok: 10, outputMtok: 0 } };
const budgets = [{ id: "daily", scope: "global", window: "day", limit: { usd: 100 } }] as const;
const call = { model: "acme:m", estimate: { inputTokens: 1_000, outputTokens: 0 } };
const usage = { inputTokens: 1_000, outputTokens: 0 };

/** A client that fails fast while the server is down instead of queueing commands forever. */
function failFastClient(server: RedisTestServer, commandTimeoutMs?: number): Redis {
  const client = new Redis(server.port, server.host, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => 50,
    ...(commandTimeoutMs === undefined ? {} : { commandTimeout: commandTimeoutMs }),
  });
  client.on("error", () => {}); // connection errors surface as failed commands
  return client;
}

async function waitUntilReady(client: Redis): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (client.status === "ready" && (await client.ping().catch(() => "")) === "PONG") return;
    await sleep(50);
  }
  throw new Error("redis client did not reconnect");
}

describeWithServer("redis", "redisStore when the server fails", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const start = async (persistent = false): Promise<RedisTestServer> => {
    const server = await startRedisServer({ persistent });
    cleanups.push(() => server.stop());
    return server;
  };
  const clientFor = async (server: RedisTestServer, commandTimeoutMs?: number): Promise<Redis> => {
    const client = failFastClient(server, commandTimeoutMs);
    cleanups.push(() => client.disconnect());
    await waitUntilReady(client); // without an offline queue, commands need a ready connection
    return client;
  };

  it("killed mid-run, closed mode refuses with StoreUnavailableError in bounded time", async () => {
    const server = await start();
    const ledger = createLedger({
      store: redisStore({ client: await clientFor(server, 1_000), prefix: `f:${randomUUID()}:` }),
      prices,
      budgets: [...budgets],
      failMode: "closed",
      storeTimeoutMs: 1_000,
    });
    await (await ledger.reserve(call)).settle(usage);
    await server.kill();
    for (let attempt = 0; attempt < 3; attempt++) {
      const startedMs = Date.now();
      const error = await ledger.reserve(call).catch((caught: unknown) => caught);
      expect(StoreUnavailableError.isInstance(error)).toBe(true);
      expect(Date.now() - startedMs).toBeLessThan(5_000); // no hang, no queueing
    }
  }, 120_000);

  it("killed mid-run, open mode keeps serving and replays buffered writes once when it is back", async () => {
    const server = await start(true);
    const prefix = `f:${randomUUID()}:`;
    const client = await clientFor(server, 1_000);
    const storeErrors: LedgerEvents["store-error"][] = [];
    const ledger = createLedger({
      store: redisStore({ client, prefix }),
      prices,
      budgets: [...budgets],
      failMode: "open",
      storeTimeoutMs: 1_000,
    });
    ledger.on("store-error", (event) => storeErrors.push(event));
    for (let index = 0; index < 3; index++) await (await ledger.reserve(call)).settle(usage);
    await server.kill();
    for (let index = 0; index < 5; index++) {
      const reservation = await ledger.reserve(call); // admitted without a hold
      await reservation.settle(usage); // settle + record buffered
    }
    expect(storeErrors.some((event) => event.buffered)).toBe(true);
    await server.restart();
    await waitUntilReady(client);
    await ledger.close(); // flushes the buffer

    const reader = createLedger({
      store: redisStore({ client, prefix }),
      prices,
      budgets: [...budgets],
    });
    const records = await redisStore({ client, prefix }).query({});
    // 3 calls before the crash + 5 during it: each record once.
    expect(records.length).toBe(8);
    expect(new Set(records.map((record) => record.id)).size).toBe(8);
    const [row] = await reader.report({});
    expect(row?.requests).toBe(8);
    const [status] = await reader.status();
    // 8 settles × 10_000_000 nano-USD, each applied once.
    expect(status?.spent).toBe(80_000_000);
  }, 120_000);

  it("a stalled server does not hold callers past the time limit (ledger and store timeouts)", async () => {
    const server = await start();
    const client = await clientFor(server); // no client-side command timeout
    const pauser = await clientFor(server);
    const store = redisStore({ client, prefix: `f:${randomUUID()}:` });
    const ledger = createLedger({ store, prices, budgets: [...budgets], storeTimeoutMs: 300 });
    await (await ledger.reserve(call)).release();
    await pauser.call("CLIENT", "PAUSE", "10000", "WRITE"); // scripts (writes) wait 10 s
    try {
      let startedMs = Date.now();
      const error = await ledger.reserve(call).catch((caught: unknown) => caught);
      expect(StoreUnavailableError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("within 300 ms");
      expect(Date.now() - startedMs).toBeLessThan(5_000);

      const limited = redisStore({ client, prefix: `f:${randomUUID()}:`, timeoutMs: 300 });
      startedMs = Date.now();
      const storeError = await limited
        .balances({ keys: [{ key: "k" }], nowMs: Date.now() })
        .catch((caught: unknown) => caught);
      expect(StoreUnavailableError.isInstance(storeError)).toBe(true);
      expect((storeError as Error).message).toContain("within 300 ms");
      expect(Date.now() - startedMs).toBeLessThan(5_000);
    } finally {
      await pauser.call("CLIENT", "UNPAUSE");
    }
  }, 120_000);
});
