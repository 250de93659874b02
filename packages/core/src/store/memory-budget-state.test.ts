import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { memoryStore } from "./memory-store.js";

/** An enforced hold of `tokens` on bucket "user-1", whose limit is `limitTokens`. */
const userHold = (tokens: number, limitTokens: number) => ({
  key: "user-1",
  limits: { tokens: limitTokens },
  amount: { nanoUsd: 0, tokens, requests: 1 },
  enforce: true,
  expiresAtMs: null,
});

describe("memoryStore budgets stay bounded", () => {
  it("drops expired buckets, holds, ids and claims on a later sweep", async () => {
    const store = memoryStore({ idRetentionMs: 1_000, sweepIntervalMs: 0 });
    const limits = { tokens: 1_000 };
    for (let index = 0; index < 50; index += 1) {
      const key = `day-bucket-${index}`;
      await store.reserve({
        id: `r${index}`,
        holds: [
          {
            key,
            limits,
            amount: { nanoUsd: 0, tokens: 1, requests: 1 },
            enforce: true,
            expiresAtMs: 10_000,
          },
        ],
        ttlMs: 5_000,
        nowMs: 0,
      });
      if (index % 2 === 0) {
        await store.settle({
          id: `r${index}`,
          charges: [{ key, amount: { nanoUsd: 0, tokens: 1, requests: 1 }, expiresAtMs: 10_000 }],
          nowMs: 0,
        });
      }
      await store.claimOnce({ key: `claim-${index}`, expiresAtMs: 10_000, nowMs: 0 });
    }
    expect(store.stats()).toMatchObject({ buckets: 50, reservations: 50, claims: 50 });
    await store.balances({ keys: [], nowMs: 10_000 });
    expect(store.stats()).toMatchObject({ buckets: 0, reservations: 0, claims: 0 });
  });

  it("drops rolling entries that left the window and empty buckets", async () => {
    const store = memoryStore({ sweepIntervalMs: 0 });
    const charge = {
      key: "rolling",
      amount: { nanoUsd: 0, tokens: 5, requests: 1 },
      expiresAtMs: null,
      rollingWindowMs: 1_000,
    };
    await store.settle({ id: "s1", charges: [charge], nowMs: 0 });
    expect(store.stats().buckets).toBe(1);
    await store.balances({ keys: [], nowMs: 1_001 });
    expect(store.stats().buckets).toBe(0);
  });

  it("keeps one hold inline, several in a map, and frees each by release, settle or TTL", async () => {
    const store = memoryStore({ sweepIntervalMs: 1_000_000 });
    const hold = (tokens: number) => userHold(tokens, 100);
    const held = async (nowMs: number) =>
      (await store.balances({ keys: [{ key: "user-1" }], nowMs }))[0]?.held.tokens;
    // a: 10 tokens until 1,000 ms; b: 20 until 2,000; c: 30 until 3,000 (ttl from each nowMs).
    await store.reserve({ id: "a", holds: [hold(10)], ttlMs: 1_000, nowMs: 0 });
    expect(await held(0)).toBe(10);
    await store.reserve({ id: "b", holds: [hold(20)], ttlMs: 1_500, nowMs: 500 });
    await store.reserve({ id: "c", holds: [hold(30)], ttlMs: 2_500, nowMs: 500 });
    expect(await held(500)).toBe(60);
    // 60 held + 41 asked = 101 > 100.
    const denied = await store.reserve({ id: "d", holds: [hold(41)], ttlMs: 10, nowMs: 999 });
    expect(denied).toMatchObject({ admitted: false, denied: { held: 60, requested: 41 } });
    expect(await held(1_000)).toBe(50); // a expired at 1,000
    await store.release({ id: "b", nowMs: 1_100 });
    expect(await held(1_100)).toBe(30);
    await store.settle({
      id: "c",
      charges: [
        { key: "user-1", amount: { nanoUsd: 0, tokens: 7, requests: 1 }, expiresAtMs: null },
      ],
      nowMs: 1_200,
    });
    const [balance] = await store.balances({ keys: [{ key: "user-1" }], nowMs: 1_200 });
    expect(balance?.held.tokens).toBe(0);
    expect(balance?.spent.tokens).toBe(7);
    // Two holds of one request on the same key count together against its limit: 7 + 50 + 44 > 100.
    const twice = await store.reserve({
      id: "e",
      holds: [hold(50), hold(44)],
      ttlMs: 10,
      nowMs: 1_300,
    });
    expect(twice).toMatchObject({ admitted: false, denied: { spent: 7, held: 50, requested: 44 } });
  });

  it("sweeps forgotten ids behind a long-lived hold; a retried settle still counts once before", async () => {
    const store = memoryStore({ idRetentionMs: 1_000, sweepIntervalMs: 0 });
    const hold = (key: string) => ({
      key,
      limits: { tokens: 1_000_000 },
      amount: { nanoUsd: 0, tokens: 1, requests: 1 },
      enforce: true,
      expiresAtMs: null,
    });
    const charge = { key: "b", amount: { nanoUsd: 0, tokens: 1, requests: 1 }, expiresAtMs: null };
    await store.reserve({ id: "long", holds: [hold("a")], ttlMs: 1_000_000, nowMs: 0 });
    for (let index = 0; index < 100; index += 1) {
      await store.reserve({ id: `r${index}`, holds: [hold("b")], ttlMs: 500, nowMs: 0 });
      await store.settle({ id: `r${index}`, charges: [charge], nowMs: 0 });
    }
    expect(store.stats().reservations).toBe(101);
    // Within the retention a retried settle is recognised: 100 charges of 1 token, not 101.
    const retried = await store.settle({ id: "r0", charges: [charge], nowMs: 500 });
    expect(retried.applied).toBe(false);
    expect(retried.balances[0]?.spent.tokens).toBe(100);
    // Settled ids are forgotten at 0 + 1,000 ms; the long hold (first in line) lives on.
    await store.balances({ keys: [], nowMs: 1_001 });
    expect(store.stats().reservations).toBe(1);
    const [held] = await store.balances({ keys: [{ key: "a" }], nowMs: 1_001 });
    expect(held?.held.tokens).toBe(1);
  });

  it("remembers at most maxRememberedIds settled or released ids, forgetting the oldest first", async () => {
    const store = memoryStore({ maxRememberedIds: 3, sweepIntervalMs: 1_000_000 });
    const hold = userHold(10, 1_000);
    const charge = {
      key: "user-1",
      amount: { nanoUsd: 0, tokens: 2, requests: 1 },
      expiresAtMs: null,
    };
    for (const id of ["a", "b", "c", "d"]) {
      await store.reserve({ id, holds: [hold], ttlMs: 60_000, nowMs: 0 });
      await store.settle({ id, charges: [charge], nowMs: 0 });
    }
    await store.reserve({ id: "e", holds: [hold], ttlMs: 60_000, nowMs: 0 });
    await store.release({ id: "e", nowMs: 0 });
    // Ended: a, b, c, d, e → the bound of 3 keeps c, d, e.
    expect(store.stats().reservations).toBe(3);
    // A retried settle of a kept id counts once; "a" was forgotten, so its retry counts again.
    expect((await store.settle({ id: "d", charges: [charge], nowMs: 1 })).applied).toBe(false);
    const retriedA = await store.settle({ id: "a", charges: [charge], nowMs: 1 });
    expect(retriedA.applied).toBe(true);
    expect(retriedA.balances[0]?.spent.tokens).toBe(5 * 2); // a, b, c, d, and a again
    expect(retriedA.balances[0]?.held.tokens).toBe(0);
    // A retried reserve of a kept id holds nothing new.
    expect(await store.reserve({ id: "e", holds: [hold], ttlMs: 60_000, nowMs: 1 })).toEqual({
      admitted: true,
    });
    const [balance] = await store.balances({ keys: [{ key: "user-1" }], nowMs: 1 });
    expect(balance?.held.tokens).toBe(0);
  });

  it("answers a retried reserve of a released denial with the same denial", async () => {
    const store = memoryStore({ sweepIntervalMs: 1_000_000 });
    const hold = userHold(10, 5);
    const first = await store.reserve({ id: "x", holds: [hold], ttlMs: 60_000, nowMs: 0 });
    expect(first).toMatchObject({ admitted: false, denied: { limit: 5, requested: 10 } });
    await store.release({ id: "x", nowMs: 1 });
    expect(await store.reserve({ id: "x", holds: [hold], ttlMs: 60_000, nowMs: 2 })).toEqual(first);
  });

  it("validates its options", () => {
    expect(() => memoryStore({ maxRememberedIds: -1 })).toThrow(/maxRememberedIds/);
    expect(() => memoryStore({ maxRecords: -1 })).toThrow(InvalidConfigError);
    expect(() => memoryStore({ maxRecords: 1.5 })).toThrow(/Invalid memoryStore options/);
  });
});
