import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { StoreUnavailableError } from "../../errors/store-unavailable-error.js";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import { type RedisTestServer, startRedisServer } from "../__fixtures__/redis-test-server.js";
import type { ReserveHold } from "../store.js";
import type { IoredisScriptClient } from "./redis-client.js";
import { redisStore } from "./redis-store.js";

/** Reservations per script call (ARGV[2] of the reserve script) of each EVALSHA/EVAL sent. */
interface CountingClient extends IoredisScriptClient {
  readonly batchSizes: number[];
}

/** Wraps a client: records the reservation count of every reserve script call, then delegates. */
function countingClient(inner: IoredisScriptClient): CountingClient {
  const batchSizes: number[] = [];
  const record = (numKeys: number, keysAndArgs: string[]): void => {
    // The reserve script's ARGV is idRetentionMs, reservation count, bucket count, …; other
    // scripts start with the prefix (a string that is not a number).
    const reservations = Number(keysAndArgs[numKeys + 1]);
    if (/^\d+$/.test(keysAndArgs[numKeys] ?? "") && Number.isInteger(reservations)) {
      batchSizes.push(reservations);
    }
  };
  return {
    batchSizes,
    evalsha: (sha1, numKeys, ...keysAndArgs) => {
      record(numKeys, keysAndArgs);
      return inner.evalsha(sha1, numKeys, ...keysAndArgs);
    },
    eval: (script, numKeys, ...keysAndArgs) => inner.eval(script, numKeys, ...keysAndArgs),
  };
}

const tokenHold = (key: string, tokens: number, limit = 100): ReserveHold => ({
  key,
  limits: { tokens: limit },
  amount: { nanoUsd: 0, tokens, requests: 1 },
  enforce: true,
  expiresAtMs: null,
});

describeWithServer("redis", "redisStore batches concurrent reserves", () => {
  let server: RedisTestServer;
  let ioredis: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    ioredis = new Redis(server.port, server.host, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    ioredis?.disconnect();
    await server?.stop();
  });

  const setup = async (): Promise<{
    client: CountingClient;
    store: ReturnType<typeof redisStore>;
  }> => {
    const client = countingClient(ioredis);
    const store = redisStore({ client, prefix: `t:${randomUUID()}:` });
    // Warm-up (loads the script), then forget its call.
    await store.reserve({ id: "warm", holds: [tokenHold("warm", 1)], ttlMs: 60_000, nowMs: 1 });
    client.batchSizes.length = 0;
    return { client, store };
  };

  it("a single reserve goes out alone, in one call", async () => {
    const { client, store } = await setup();
    const nowMs = Date.now();
    expect(
      await store.reserve({ id: "r1", holds: [tokenHold("a", 5)], ttlMs: 60_000, nowMs }),
    ).toEqual({
      admitted: true,
    });
    expect(client.batchSizes).toEqual([1]);
  });

  it("20 concurrent reserves go out in two script calls and admit exactly what fits, in order", async () => {
    const { client, store } = await setup();
    const nowMs = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        store.reserve({ id: `r${index}`, holds: [tokenHold("a", 10)], ttlMs: 60_000, nowMs }),
      ),
    );
    // Nothing in flight: half of the queue, then the other half right behind it.
    expect(client.batchSizes).toEqual([10, 10]);
    // Limit 100 tokens, 10 each: the first 100 / 10 = 10 fit; the other 10 see 100 held.
    const denied = {
      admitted: false,
      denied: { key: "a", limitKind: "tokens", limit: 100, spent: 0, held: 100, requested: 10 },
    };
    expect(outcomes).toEqual([
      ...Array.from({ length: 10 }, () => ({ admitted: true })),
      ...Array.from({ length: 10 }, () => denied),
    ]);
    const [balance] = await store.balances({ keys: [{ key: "a" }], nowMs });
    expect(balance?.held).toEqual({ nanoUsd: 0, tokens: 100, requests: 10 });
  });

  it("gives each caller its own outcome: all-or-nothing per reservation, repeated ids, other buckets", async () => {
    const { client, store } = await setup();
    const nowMs = Date.now();
    const reserve = (id: string, holds: ReserveHold[]) =>
      store.reserve({ id, holds, ttlMs: 60_000, nowMs });
    const outcomes = await Promise.all([
      reserve("x1", [tokenHold("a", 60), tokenHold("b", 60)]), // a 60, b 60
      reserve("x2", [tokenHold("a", 30), tokenHold("b", 50)]), // b: 60 + 50 > 100 → denied, a unchanged
      reserve("x3", [tokenHold("a", 40)]), // a: 60 + 40 = 100 fits
      reserve("x1", [tokenHold("c", 1)]), // same id: the first outcome, c untouched
      reserve("x4", [tokenHold("c", 101)]), // 101 > 100 on an empty bucket
    ]);
    expect(client.batchSizes).toEqual([3, 2]); // ceil(5 / 2), then the rest
    expect(outcomes).toEqual([
      { admitted: true },
      {
        admitted: false,
        denied: { key: "b", limitKind: "tokens", limit: 100, spent: 0, held: 60, requested: 50 },
      },
      { admitted: true },
      { admitted: true },
      {
        admitted: false,
        denied: { key: "c", limitKind: "tokens", limit: 100, spent: 0, held: 0, requested: 101 },
      },
    ]);
    const balances = await store.balances({
      keys: [{ key: "a" }, { key: "b" }, { key: "c" }],
      nowMs,
    });
    // a: 60 + 40; b: 60; c: nothing.
    expect(balances.map((balance) => balance.held.tokens)).toEqual([100, 60, 0]);
  });

  it("runs each reservation of a call at its own nowMs: buckets and holds expire mid-call", async () => {
    const { client, store } = await setup();
    const t0 = Date.now();
    const day = (tokens: number): ReserveHold => ({
      ...tokenHold("day", tokens),
      expiresAtMs: t0 + 500,
    });
    const first = await Promise.all([
      store.reserve({ id: "d1", holds: [day(90)], ttlMs: 60_000, nowMs: t0 }),
      // The bucket's logical expiry t0 + 500 passed: it starts from zero (d1's 90 is gone), and
      // 101 > 100 is denied with nothing held.
      store.reserve({ id: "d2", holds: [day(101)], ttlMs: 60_000, nowMs: t0 + 500 }),
    ]);
    expect(first).toEqual([
      { admitted: true },
      {
        admitted: false,
        denied: { key: "day", limitKind: "tokens", limit: 100, spent: 0, held: 0, requested: 101 },
      },
    ]);
    const second = await Promise.all([
      store.reserve({ id: "h1", holds: [tokenHold("a", 60)], ttlMs: 1_000, nowMs: t0 }),
      // h1's hold expires at t0 + 1000: 0 + 60 fits, then 60 + 50 > 100.
      store.reserve({ id: "h2", holds: [tokenHold("a", 60)], ttlMs: 1_000, nowMs: t0 + 1_000 }),
      store.reserve({ id: "h3", holds: [tokenHold("a", 50)], ttlMs: 1_000, nowMs: t0 + 1_000 }),
    ]);
    expect(client.batchSizes).toEqual([2, 3]);
    expect(second).toEqual([
      { admitted: true },
      { admitted: true },
      {
        admitted: false,
        denied: { key: "a", limitKind: "tokens", limit: 100, spent: 0, held: 60, requested: 50 },
      },
    ]);
    const [dayBalance, aBalance] = await store.balances({
      keys: [{ key: "day" }, { key: "a" }],
      nowMs: t0 + 1_000,
    });
    expect(dayBalance?.held.tokens).toBe(0); // the day bucket expired at t0 + 500
    expect(aBalance?.held.tokens).toBe(60);
  });

  it("sends reserves queued while a call is in flight together, at most 32 per call", async () => {
    const { client, store } = await setup();
    const nowMs = Date.now();
    const reserve = (id: string) =>
      store.reserve({ id, holds: [tokenHold("a", 1, 1_000)], ttlMs: 60_000, nowMs });
    const first = reserve("first");
    await Promise.resolve(); // the first call is now in flight
    await Promise.resolve();
    const rest = Array.from({ length: 40 }, (_, index) => reserve(`q${index}`));
    const outcomes = await Promise.all([first, ...rest]);
    expect(outcomes.every((outcome) => outcome.admitted)).toBe(true);
    // 1 alone; the 40 queued behind it: 32 (the cap) at once, 8 when a call returns.
    expect(client.batchSizes).toEqual([1, 32, 8]);
    const [balance] = await store.balances({ keys: [{ key: "a" }], nowMs });
    expect(balance?.held.tokens).toBe(41);
  });

  it("a failing call rejects every caller in it with StoreUnavailableError; the next call works", async () => {
    let failing = true;
    let calls = 0;
    const client: IoredisScriptClient = {
      evalsha: (sha1, numKeys, ...keysAndArgs) => {
        calls++;
        if (failing) return Promise.reject(new Error("connection reset"));
        return ioredis.evalsha(sha1, numKeys, ...keysAndArgs);
      },
      eval: (script, numKeys, ...keysAndArgs) => ioredis.eval(script, numKeys, ...keysAndArgs),
    };
    const store = redisStore({ client, prefix: `t:${randomUUID()}:` });
    const nowMs = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, index) =>
        store.reserve({ id: `r${index}`, holds: [tokenHold("a", 10)], ttlMs: 60_000, nowMs }),
      ),
    );
    expect(calls).toBe(2); // 3 + 2 reservations
    for (const result of results) {
      expect(result.status).toBe("rejected");
      const reason = result.status === "rejected" ? result.reason : undefined;
      expect(StoreUnavailableError.isInstance(reason)).toBe(true);
      expect(String((reason as Error).message)).toContain("connection reset");
    }
    // Nothing was held; the queue is not stuck.
    failing = false;
    expect(
      await store.reserve({ id: "after", holds: [tokenHold("a", 100)], ttlMs: 60_000, nowMs }),
    ).toEqual({ admitted: true });
  });
});

describeWithServer("redis", "redisStore groups holds by expiry slot", () => {
  let server: RedisTestServer;
  let ioredis: Redis;

  beforeAll(async () => {
    server = await startRedisServer();
    ioredis = new Redis(server.port, server.host, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    ioredis?.disconnect();
    await server?.stop();
  });

  it("holds with one expiry share a slot; release and settle take out only their own part", async () => {
    const prefix = `t:${randomUUID()}:`;
    const store = redisStore({ client: ioredis, prefix });
    const t0 = Date.now();
    const reserve = (id: string, tokens: number, nowMs: number) =>
      store.reserve({ id, holds: [tokenHold("a", tokens, 1_000)], ttlMs: 10_000, nowMs });
    await reserve("r1", 10, t0); // slot t0 + 10000
    await reserve("r2", 20, t0); // same slot
    await reserve("r3", 40, t0 + 5); // slot t0 + 10005
    expect(await ioredis.zcard(`${prefix}h:a`)).toBe(2);
    expect(await ioredis.hget(`${prefix}b:a`, `h${t0 + 10_000}`)).toBe("0:30:2:2"); // 10 + 20 tokens, 2 holds
    const heldAt = async (nowMs: number) =>
      (await store.balances({ keys: [{ key: "a" }], nowMs }))[0]?.held.tokens;
    await store.release({ id: "r1", nowMs: t0 + 10 });
    expect(await heldAt(t0 + 10)).toBe(20 + 40);
    expect(await ioredis.hget(`${prefix}b:a`, `h${t0 + 10_000}`)).toBe("0:20:1:1");
    await store.release({ id: "r1", nowMs: t0 + 11 }); // idempotent
    expect(await heldAt(t0 + 11)).toBe(20 + 40);
    await store.settle({
      id: "r2",
      charges: [{ key: "a", amount: { nanoUsd: 0, tokens: 25, requests: 1 }, expiresAtMs: null }],
      nowMs: t0 + 20,
    });
    // r2's slot is empty and gone; r3's slot remains.
    expect(await ioredis.zcard(`${prefix}h:a`)).toBe(1);
    expect(await ioredis.hexists(`${prefix}b:a`, `h${t0 + 10_000}`)).toBe(0);
    const [balance] = await store.balances({ keys: [{ key: "a" }], nowMs: t0 + 20 });
    expect(balance?.spent.tokens).toBe(25);
    expect(balance?.held.tokens).toBe(40);
    // At t0 + 10005 r3's slot expires as a whole.
    expect(await heldAt(t0 + 10_004)).toBe(40);
    expect(await heldAt(t0 + 10_005)).toBe(0);
    expect(await ioredis.exists(`${prefix}h:a`)).toBe(0);
  });
});
