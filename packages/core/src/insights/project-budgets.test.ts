import { describe, expect, it } from "vitest";
import type { BudgetStatus } from "../ledger/types.js";
import { testLedger } from "./__fixtures__/test-ledger.js";
import { projectBudgets } from "./project-budgets.js";

const USD = 1_000_000_000;
const now = Date.parse("2026-11-22T06:00:00.000Z");

function dayStatus(spent: number, limit = 10 * USD): BudgetStatus {
  return {
    ruleId: "daily",
    scope: "global",
    scopeValue: "global",
    window: "day:2026-11-22",
    limitKind: "usd",
    limit,
    spent,
    held: 0,
    remaining: limit - spent,
    windowStart: new Date("2026-11-22T00:00:00.000Z"),
    resetsAt: new Date("2026-11-23T00:00:00.000Z"),
    mode: "block",
  };
}

describe("projectBudgets", () => {
  it("finds when a day budget runs out at the rate so far", () => {
    // $4 in the 6 hours since midnight = $0.6667/h; the other $6 last 6 h × 6/4 = 9 h → 15:00.
    const [projection] = projectBudgets([dayStatus(4 * USD)], { now });
    expect(projection?.outcome).toBe("runs-out");
    expect(projection?.runsOutAt?.toISOString()).toBe("2026-11-22T15:00:00.000Z");
    expect(projection?.ratePerHour).toBeCloseTo((4 * USD) / 6, 3);
  });

  it("says a budget lasts when the limit comes after the reset, or nothing is spent", () => {
    // $1 in 6 h: the other $9 need 54 h, past midnight.
    const [slow, idle] = projectBudgets([dayStatus(USD), dayStatus(0)], { now });
    expect(slow).toMatchObject({ outcome: "lasts", runsOutAt: null });
    expect(idle).toMatchObject({ outcome: "lasts", runsOutAt: null, ratePerHour: 0 });
  });

  it("marks an exhausted budget as running out now", () => {
    const [projection] = projectBudgets([dayStatus(10 * USD)], { now });
    expect(projection?.outcome).toBe("exhausted");
    expect(projection?.runsOutAt?.getTime()).toBe(now);
  });

  it("keeps rolling windows steady and needs `since` for total windows", () => {
    const rolling = {
      ...dayStatus(4 * USD),
      window: "rolling:3600000",
      windowStart: new Date(now - 3_600_000),
      resetsAt: new Date(now + 3_600_000),
    };
    const total = { ...dayStatus(4 * USD), window: "total", windowStart: null, resetsAt: null };
    const [steady, unknown] = projectBudgets([rolling, total], { now });
    expect(steady).toMatchObject({ outcome: "lasts", runsOutAt: null, ratePerHour: 4 * USD });
    expect(unknown).toMatchObject({ outcome: "unknown", runsOutAt: null, ratePerHour: null });
    // Since 02:00: $4 in 4 h = $1/h; the other $6 take 6 h → 12:00, and a total window never resets.
    const [measured] = projectBudgets([total], { now, since: Date.parse("2026-11-22T02:00:00Z") });
    expect(measured?.runsOutAt?.toISOString()).toBe("2026-11-22T12:00:00.000Z");
  });

  it("is served by ledger.projection from the store's balances", async () => {
    const { ledger } = testLedger({
      startIso: "2026-11-22T06:00:00.000Z",
      budgets: [{ id: "daily", scope: "userId", window: "day", limit: { usd: 1 } }],
    });
    // 20,000 input tokens × $3/M = $0.06 by 06:00 → $0.01/h; the other $0.94 need 94 h: lasts.
    // 100,000 × $3/M = $0.30 more ($0.36 by 06:00 = $0.06/h): the other $0.64 need 10 h 40 min → 16:40.
    await ledger.record({
      model: "acme:big",
      usage: { inputTokens: 20_000, outputTokens: 0 },
      context: { userId: "u1" },
    });
    const [first] = await ledger.projection({ userId: "u1" });
    expect(first).toMatchObject({ outcome: "lasts", spent: 60_000_000 });
    await ledger.record({
      model: "acme:big",
      usage: { inputTokens: 100_000, outputTokens: 0 },
      context: { userId: "u1" },
    });
    const [second] = await ledger.projection({ userId: "u1" });
    expect(second?.runsOutAt?.toISOString()).toBe("2026-11-22T16:40:00.000Z");
    expect(second?.windowStart?.toISOString()).toBe("2026-11-22T00:00:00.000Z");
  });
});
