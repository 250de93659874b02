import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import { type RedisTestServer, startRedisServer } from "../__fixtures__/redis-test-server.js";
import type { ReserveHold } from "../store.js";
import { redisStore } from "./redis-store.js";

/**
 * The reserve script's own sweeps (the conformance suite mostly reaches them through
 * `balances`): here only reserve/settle run, so expired holds, charges that left a rolling
 * window and expired buckets must be handled by the reserve script itself.
 */
describeWithServer("redis", "the Redis reserve script sweeps on its own", () => {
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

  const tokens = (key: string, amount: number, extra: Partial<ReserveHold> = {}): ReserveHold => ({
    key,
    limits: { tokens: 100 },
    amount: { nanoUsd: 0, tokens: amount, requests: 1 },
    enforce: true,
    expiresAtMs: null,
    ...extra,
  });

  it("drops expired holds before checking, and keeps that sweep when another bucket denies", async () => {
    const store = redisStore({ client, prefix: `t:${randomUUID()}:` });
    const t0 = Date.now();
    const reserve = (id: string, holds: ReserveHold[], nowMs: number) =>
      store.reserve({ id, holds, ttlMs: 1_000, nowMs });
    expect(await reserve("r1", [tokens("a", 60)], t0)).toEqual({ admitted: true });
    // r1 (60) still held at t0 + 999: 60 + 60 > 100.
    expect(await reserve("r2", [tokens("a", 60)], t0 + 999)).toEqual({
      admitted: false,
      denied: { key: "a", limitKind: "tokens", limit: 100, spent: 0, held: 60, requested: 60 },
    });
    // r1 expired at t0 + 1000: 0 + 60 <= 100.
    expect(await reserve("r3", [tokens("a", 60)], t0 + 1_000)).toEqual({ admitted: true });
    expect(await reserve("r4", [tokens("a", 50)], t0 + 1_000)).toEqual({
      admitted: false,
      denied: { key: "a", limitKind: "tokens", limit: 100, spent: 0, held: 60, requested: 50 },
    });
    // Bucket b is full (90 of 100); at t0 + 2000 r3's hold on a (60) is due. The call is denied
    // by b, and a's sweep must still be written: a holds 0 afterwards, b still 90.
    expect(await reserve("r5", [tokens("b", 90)], t0 + 1_500)).toEqual({ admitted: true });
    expect(await reserve("r6", [tokens("a", 1), tokens("b", 20)], t0 + 2_000)).toEqual({
      admitted: false,
      denied: { key: "b", limitKind: "tokens", limit: 100, spent: 0, held: 90, requested: 20 },
    });
    const [a, b] = await store.balances({ keys: [{ key: "a" }, { key: "b" }], nowMs: t0 + 2_000 });
    expect(a?.held.tokens).toBe(0);
    expect(b?.held.tokens).toBe(90);
  });

  it("drops rolling charges that left the window before checking", async () => {
    const store = redisStore({ client, prefix: `t:${randomUUID()}:` });
    const t0 = Date.now();
    const rolling = (amount: number) => tokens("roll", amount, { rollingWindowMs: 1_000 });
    const reserve = (id: string, amount: number, nowMs: number) =>
      store.reserve({ id, holds: [rolling(amount)], ttlMs: 60_000, nowMs });
    expect(await reserve("r1", 80, t0)).toEqual({ admitted: true });
    await store.settle({
      id: "r1",
      charges: [
        {
          key: "roll",
          amount: { nanoUsd: 0, tokens: 80, requests: 1 },
          expiresAtMs: null,
          rollingWindowMs: 1_000,
        },
      ],
      nowMs: t0,
    });
    // The 80 charged at t0 is inside the 1 s window at t0 + 999: 80 + 30 > 100.
    expect(await reserve("r2", 30, t0 + 999)).toEqual({
      admitted: false,
      denied: { key: "roll", limitKind: "tokens", limit: 100, spent: 80, held: 0, requested: 30 },
    });
    // At t0 + 2000 it has left the window: spent 0, then 30 held.
    expect(await reserve("r3", 30, t0 + 2_000)).toEqual({ admitted: true });
    expect(await reserve("r4", 71, t0 + 2_000)).toEqual({
      admitted: false,
      denied: { key: "roll", limitKind: "tokens", limit: 100, spent: 0, held: 30, requested: 71 },
    });
  });

  it("starts an expired calendar bucket from zero", async () => {
    const store = redisStore({ client, prefix: `t:${randomUUID()}:` });
    const t0 = Date.now();
    const day = (amount: number) => tokens("day", amount, { expiresAtMs: t0 + 500 });
    expect(await store.reserve({ id: "r1", holds: [day(90)], ttlMs: 60_000, nowMs: t0 })).toEqual({
      admitted: true,
    });
    // The bucket's logical expiry (t0 + 500) passed: the 90 held before is gone.
    expect(
      await store.reserve({ id: "r2", holds: [day(90)], ttlMs: 60_000, nowMs: t0 + 500 }),
    ).toEqual({ admitted: true });
  });
});
