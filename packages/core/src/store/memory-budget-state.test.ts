import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { memoryStore } from "./memory-store.js";

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

  it("validates its options", () => {
    expect(() => memoryStore({ maxRecords: -1 })).toThrow(InvalidConfigError);
    expect(() => memoryStore({ maxRecords: 1.5 })).toThrow(/Invalid memoryStore options/);
  });
});
