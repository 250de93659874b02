import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { UsageRecord } from "../ledger/types.js";
import { userMonthlySpend } from "./user-monthly-spend.js";

const recordOf = (userId: string, month: string, costNanoUsd: number): UsageRecord =>
  ({
    time: `${month}-15T00:00:00.000Z`,
    context: { userId },
    priced: true,
    costNanoUsd,
  }) as UsageRecord;

describe("userMonthlySpend", () => {
  it("alerts exactly at the first record that takes a user's month over the limit", () => {
    const call = fc.record({
      user: fc.constantFrom("a", "b", "c"),
      costNanoUsd: fc.integer({ min: 0, max: 100_000_000 }),
    });
    fc.assert(
      fc.property(
        fc.array(call, { maxLength: 40 }),
        fc.array(call, { maxLength: 40 }),
        fc.integer({ min: 1, max: 500 }),
        (november, december, limitCents) => {
          const rule = userMonthlySpend({ limitUsd: limitCents / 100 });
          const limitNanoUsd = limitCents * 10_000_000;
          const calls = [
            ...november.map((entry) => ({ ...entry, month: "2026-11" })),
            ...december.map((entry) => ({ ...entry, month: "2026-12" })),
          ];
          const sums = new Map<string, number>();
          const expected: string[] = [];
          const fired: string[] = [];
          for (const { user, month, costNanoUsd } of calls) {
            const key = `${user}@${month}`;
            const before = sums.get(key) ?? 0;
            sums.set(key, before + costNanoUsd);
            if (before <= limitNanoUsd && before + costNanoUsd > limitNanoUsd) expected.push(key);
            const alert = rule.observe(recordOf(user, month, costNanoUsd));
            if (alert !== undefined) fired.push(`${alert.details.userId}@${alert.details.month}`);
          }
          expect(fired).toEqual(expected);
        },
      ),
    );
  });

  it("ignores unpriced records, records without the user key, and late records of a past month", () => {
    const rule = userMonthlySpend({ limitUsd: 0.01 });
    expect(
      rule.observe({ ...recordOf("a", "2026-11", 20_000_000), priced: false }),
    ).toBeUndefined();
    expect(rule.observe({ ...recordOf("a", "2026-11", 20_000_000), context: {} })).toBeUndefined();
    expect(rule.observe(recordOf("a", "2026-12", 1))).toBeUndefined();
    expect(rule.observe(recordOf("a", "2026-11", 20_000_000))).toBeUndefined();
    expect(rule.observe(recordOf("a", "2026-12", 20_000_000))?.idempotencyKey).toBe(
      "user-over-limit:userId=a:2026-12:10000000",
    );
  });
});
