import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreInputError } from "../../errors/store-input-error.js";
import { StoreUnavailableError } from "../../errors/store-unavailable-error.js";
import { createLedger } from "../../ledger/create-ledger.js";
import { runStoreConformance } from "../../testing/run-store-conformance.js";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import { type RedisTestServer, startRedisServer } from "../__fixtures__/redis-test-server.js";
import { redisStore } from "./redis-store.js";

describeWithServer("redis", "redisStore on a real redis-server", () => {
  let server: RedisTestServer;
  let ioredis: Redis;
  let nodeRedis: ReturnType<typeof createClient>;

  beforeAll(async () => {
    server = await startRedisServer();
    ioredis = new Redis(server.port, server.host, { maxRetriesPerRequest: 1 });
    nodeRedis = createClient({ url: server.url });
    await nodeRedis.connect();
  });
  afterAll(async () => {
    ioredis?.disconnect();
    nodeRedis?.destroy();
    await server?.stop();
  });

  runStoreConformance(
    { describe, it, expect },
    () => redisStore({ client: ioredis, prefix: `t:${randomUUID()}:` }),
    { name: "redis (ioredis)" },
  );
  runStoreConformance(
    { describe, it, expect },
    () => redisStore({ client: nodeRedis, prefix: `t:${randomUUID()}:` }),
    { name: "redis (node-redis)" },
  );

  it("loads a script with EVAL after SCRIPT FLUSH (NOSCRIPT fallback), then uses EVALSHA again", async () => {
    const store = redisStore({ client: ioredis, prefix: `t:${randomUUID()}:` });
    await ioredis.script("FLUSH");
    const hold = {
      key: "b",
      limits: { tokens: 10 },
      amount: { nanoUsd: 0, tokens: 4, requests: 1 },
      enforce: true,
      expiresAtMs: null,
    };
    const nowMs = Date.now();
    expect(await store.reserve({ id: "r1", holds: [hold], ttlMs: 60_000, nowMs })).toEqual({
      admitted: true,
    });
    expect(await store.reserve({ id: "r2", holds: [hold], ttlMs: 60_000, nowMs })).toEqual({
      admitted: true,
    });
    // 4 + 4 held; a third 4 would make 12 > 10.
    const third = await store.reserve({ id: "r3", holds: [hold], ttlMs: 60_000, nowMs });
    expect(third).toEqual({
      admitted: false,
      denied: { key: "b", limitKind: "tokens", limit: 10, spent: 0, held: 8, requested: 4 },
    });
  });

  it("a script error caused by what the call found is StoreInputError, not the store being down", async () => {
    const store = redisStore({ client: ioredis, prefix: `t:${randomUUID()}:` });
    // Something else wrote a hash where the reservation "r1" lives: every settle of it fails
    // the same way inside the script (WRONGTYPE), so retrying cannot help.
    await ioredis.hset(store.keyspace.reservation("r1"), "x", "1");
    const error = await store
      .settle({
        id: "r1",
        charges: [{ key: "b", amount: { nanoUsd: 1, tokens: 1, requests: 1 }, expiresAtMs: null }],
        nowMs: Date.now(),
      })
      .catch((caught: unknown) => caught);
    expect(StoreInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ operation: "settle" });
    expect(String((error as Error).message)).toMatch(/WRONGTYPE/);
  });

  it("a connection failure stays StoreUnavailableError", async () => {
    const closed = new Redis(server.port, server.host, {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
      enableOfflineQueue: false,
    });
    const store = redisStore({ client: closed, prefix: `t:${randomUUID()}:` });
    const error = await store
      .release({ id: "r1", nowMs: Date.now() })
      .catch((caught: unknown) => caught);
    expect(StoreUnavailableError.isInstance(error)).toBe(true);
    closed.disconnect();
  });

  it("holds expire exactly at their own TTL, in any order, after releases", async () => {
    const prefix = `t:${randomUUID()}:`;
    const store = redisStore({ client: nodeRedis, prefix });
    const t0 = Date.now();
    const reserve = (id: string, tokens: number, ttlMs: number, nowMs: number) =>
      store.reserve({
        id,
        holds: [
          {
            key: "b",
            limits: { tokens: 1_000 },
            amount: { nanoUsd: 0, tokens, requests: 1 },
            enforce: true,
            expiresAtMs: null,
          },
        ],
        ttlMs,
        nowMs,
      });
    const heldAt = async (nowMs: number) =>
      (await store.balances({ keys: [{ key: "b" }], nowMs }))[0]?.held.tokens;
    await reserve("r1", 10, 1_000, t0); // expires at t0 + 1000
    await reserve("r2", 20, 3_000, t0 + 100); // expires at t0 + 3100
    await reserve("r3", 30, 2_000, t0 + 200); // expires at t0 + 2200
    await store.release({ id: "r1", nowMs: t0 + 300 });
    expect(await heldAt(t0 + 300)).toBe(20 + 30);
    expect(await heldAt(t0 + 2_199)).toBe(20 + 30);
    expect(await heldAt(t0 + 2_200)).toBe(20);
    expect(await heldAt(t0 + 3_099)).toBe(20);
    expect(await heldAt(t0 + 3_100)).toBe(0);
    expect(await ioredis.exists(`${prefix}h:b`)).toBe(0); // the empty hold set is gone
    await reserve("r4", 5, 60_000, t0 + 3_200);
    expect(await heldAt(t0 + 3_200)).toBe(5);
  });

  it("calendar buckets and reservations expire on their own (key TTLs); total buckets never", async () => {
    const prefix = `t:${randomUUID()}:`;
    const store = redisStore({ client: ioredis, prefix });
    const nowMs = Date.now();
    const hold = (key: string, expiresAtMs: number | null) => ({
      key,
      limits: { tokens: 10 },
      amount: { nanoUsd: 0, tokens: 1, requests: 1 },
      enforce: true,
      expiresAtMs,
    });
    await store.reserve({
      id: "r1",
      holds: [hold("day", nowMs + 60_000), hold("total", null)],
      ttlMs: 30_000,
      nowMs,
    });
    const dayTtlMs = await ioredis.pttl(`${prefix}b:day`);
    // Logical expiry in 60 s, plus a slack of max(1 s, 60 s / 8 = 7.5 s): at most 67.5 s.
    expect(dayTtlMs).toBeGreaterThan(0);
    expect(dayTtlMs).toBeLessThanOrEqual(67_500);
    expect(await ioredis.pttl(`${prefix}b:total`)).toBe(-1); // -1: no expiry
    // The reservation is remembered for idRetentionMs (15 min = 900_000 ms) at most.
    const reservationTtlMs = await ioredis.pttl(`${prefix}r:r1`);
    expect(reservationTtlMs).toBeGreaterThan(0);
    expect(reservationTtlMs).toBeLessThanOrEqual(900_000);
  });

  it("ledger.report answers from the per-day sums and from raw records", async () => {
    const store = redisStore({ client: nodeRedis, prefix: `t:${randomUUID()}:` });
    const ledger = createLedger({
      store,
      prices: { "acme:m": { inputMtok: 1, outputMtok: 2 } },
      now: () => Date.parse("2031-05-01T10:00:00.000Z"),
    });
    await ledger.record({
      model: "acme:m",
      usage: { inputTokens: 1_000, outputTokens: 500 },
      context: { userId: "u1", feature: "chat" },
    });
    await ledger.record({
      model: "acme:m",
      usage: { inputTokens: 2_000, outputTokens: 0 },
      context: { userId: "u2", feature: "chat" },
    });
    // 1000 in × $1/M = 1_000_000 nano-USD; 500 out × $2/M = 1_000_000; 2000 in = 2_000_000.
    const byUser = await ledger.report({ groupBy: ["userId"] });
    expect(byUser.map((row) => [row.group.userId, row.costNanoUsd, row.requests])).toEqual([
      ["u1", 2_000_000, 1],
      ["u2", 2_000_000, 1],
    ]);
    // Two context keys: answered from raw records.
    const twoKeys = await ledger.report({ groupBy: ["userId"], context: { feature: "chat" } });
    expect(twoKeys.map((row) => [row.group.userId, row.inputTokens])).toEqual([
      ["u1", 1_000],
      ["u2", 2_000],
    ]);
    // A sub-day time bound: raw records too.
    const [late] = await ledger.report({ from: "2031-05-01T09:30:00.000Z" });
    expect(late?.requests).toBe(2);
    await ledger.close();
  });
});
