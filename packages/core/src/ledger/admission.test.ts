import { describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { createLedger } from "./create-ledger.js";

// A user-priced model makes holds exact: $5,000 per 1M input tokens = $0.005 per token.
const prices = { "acme:flat": { inputMtok: 5_000, outputMtok: 0 } };
const cent = { inputTokens: 2, outputTokens: 0 }; // 2 × $0.005 = $0.01
const halfCent = { inputTokens: 1, outputTokens: 0 }; // $0.005

const settle = async (
  results: PromiseSettledResult<Awaited<ReturnType<ReturnType<typeof createLedger>["reserve"]>>>[],
) =>
  Promise.all(
    results.flatMap((result) =>
      result.status === "fulfilled" ? [result.value.settle(halfCent)] : [],
    ),
  );

describe("admission", () => {
  it("admits exactly 100 of 200 concurrent $0.01 holds under a $1/day user budget, then exactly 50 more after settling at $0.005", async () => {
    const ledger = createLedger({
      prices,
      budgets: [{ id: "user-day", scope: "userId", window: "day", limit: { usd: 1 } }],
    });
    const reserve = () =>
      ledger.reserve({ model: "acme:flat", estimate: cent, context: { userId: "u1" } });
    const first = await Promise.allSettled(Array.from({ length: 200 }, reserve));
    const admitted = first.filter((result) => result.status === "fulfilled");
    expect(admitted).toHaveLength(100);
    for (const result of first) {
      if (result.status === "rejected")
        expect(BudgetExceededError.isInstance(result.reason)).toBe(true);
    }
    await settle(first); // 100 × $0.005 = $0.50 spent, nothing held
    const second = await Promise.allSettled(Array.from({ length: 200 }, reserve));
    // $1 − $0.50 = $0.50 left = 50 holds of $0.01.
    expect(second.filter((result) => result.status === "fulfilled")).toHaveLength(50);
    const [status] = await ledger.status({ userId: "u1" });
    expect(status).toMatchObject({ spent: 500_000_000, held: 500_000_000, remaining: 0 });
  });

  it("is all-or-nothing across a global and a per-user rule", async () => {
    const ledger = createLedger({
      prices,
      budgets: [
        { id: "global", scope: "global", window: "day", limit: { usd: 0.03 } },
        { id: "user", scope: "userId", window: "day", limit: { usd: 0.02 } },
      ],
    });
    const reserve = (userId: string) =>
      ledger.reserve({ model: "acme:flat", estimate: cent, context: { userId } });
    await reserve("a");
    await reserve("a");
    // a's user bucket is full ($0.02): the global bucket must not keep a hold for the refused call.
    await expect(reserve("a")).rejects.toMatchObject({ code: "BUDGET_EXCEEDED", ruleId: "user" });
    await reserve("b"); // global: $0.03 of $0.03
    await expect(reserve("b")).rejects.toMatchObject({ ruleId: "global", scopeValue: "global" });
    const status = await ledger.status({ userId: "a" });
    const global = status.find((row) => row.ruleId === "global");
    expect(global?.held).toBe(30_000_000);
  });

  it("holds token and request limits the same way", async () => {
    const ledger = createLedger({
      prices,
      budgets: [
        { id: "tokens", scope: "teamId", window: "hour", limit: { tokens: 1_000 } },
        { id: "requests", scope: "userId", window: "minute", limit: { requests: 3 } },
      ],
    });
    const tokens = await Promise.allSettled(
      Array.from({ length: 30 }, () =>
        ledger.reserve({
          model: "acme:flat",
          estimate: { inputTokens: 60, outputTokens: 40 }, // 100 tokens each → 10 fit in 1,000
          context: { teamId: "t1" },
        }),
      ),
    );
    expect(tokens.filter((result) => result.status === "fulfilled")).toHaveLength(10);
    const requests = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        ledger.reserve({ model: "acme:flat", estimate: halfCent, context: { userId: "u9" } }),
      ),
    );
    expect(requests.filter((result) => result.status === "fulfilled")).toHaveLength(3);
  });

  it("records a settle larger than the hold in full, and later calls see it", async () => {
    const ledger = createLedger({
      prices,
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.05 } }],
    });
    const reservation = await ledger.reserve({
      model: "acme:flat",
      estimate: cent,
      context: { userId: "u" },
    });
    const record = await reservation.settle({ inputTokens: 8, outputTokens: 0 }); // 8 × $0.005 = $0.04
    expect(record.costNanoUsd).toBe(40_000_000);
    await ledger.reserve({ model: "acme:flat", estimate: cent, context: { userId: "u" } }); // $0.05 of $0.05
    await expect(
      ledger.reserve({ model: "acme:flat", estimate: halfCent, context: { userId: "u" } }),
    ).rejects.toMatchObject({ spent: 40_000_000, held: 10_000_000, limit: 50_000_000 });
  });

  it("counts a retried settle once, and a release after settle changes nothing", async () => {
    const ledger = createLedger({
      prices,
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 1 } }],
    });
    const reservation = await ledger.reserve({
      model: "acme:flat",
      estimate: cent,
      context: { userId: "u" },
    });
    const [first, second] = await Promise.all([
      reservation.settle(halfCent),
      reservation.settle(halfCent),
    ]);
    await reservation.settle(halfCent);
    await reservation.release();
    expect(second).toBe(first);
    const [status] = await ledger.status({ userId: "u" });
    expect(status).toMatchObject({ spent: 5_000_000, held: 0 });
    const rows = await ledger.report({});
    expect(rows[0]?.requests).toBe(1);
  });

  it("frees the hold of a caller that never settles after the hold TTL", async () => {
    let nowMs = Date.parse("2026-11-22T10:00:00Z");
    const ledger = createLedger({
      prices,
      holdTtlMs: 60_000,
      now: () => nowMs,
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.01 } }],
    });
    await ledger.reserve({ model: "acme:flat", estimate: cent, context: { userId: "u" } }); // "crashes"
    await expect(
      ledger.reserve({ model: "acme:flat", estimate: cent, context: { userId: "u" } }),
    ).rejects.toMatchObject({ code: "BUDGET_EXCEEDED" });
    nowMs += 60_001;
    await expect(
      ledger.reserve({ model: "acme:flat", estimate: cent, context: { userId: "u" } }),
    ).resolves.toBeDefined();
  });

  it("releases a hold without recording spend", async () => {
    const ledger = createLedger({
      prices,
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.01 } }],
    });
    const reservation = await ledger.reserve({
      model: "acme:flat",
      estimate: cent,
      context: { userId: "u" },
    });
    await reservation.release("provider error");
    await reservation.release();
    const [status] = await ledger.status({ userId: "u" });
    expect(status).toMatchObject({ spent: 0, held: 0, remaining: 10_000_000 });
    expect(await ledger.report({})).toEqual([]);
  });

  it("routes to a fallback model whose hold fits, and the record says so", async () => {
    const ledger = createLedger({
      prices: { ...prices, "acme:cheap": { inputMtok: 1_000, outputMtok: 0 } }, // $0.001/token
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.005 } }],
    });
    const reservation = await ledger.reserve({
      model: "acme:flat",
      estimate: cent, // $0.01 on flat does not fit $0.005; 2 tokens on cheap = $0.002 does
      context: { userId: "u" },
      fallbackModels: [{ model: "acme:cheap" }],
    });
    expect(reservation.model).toBe("cheap");
    expect(reservation.fallbackFrom).toBe("acme:flat");
    const record = await reservation.settle({ inputTokens: 2, outputTokens: 0 });
    expect(record).toMatchObject({ fallbackFrom: "acme:flat", costNanoUsd: 2_000_000 });
  });
});

describe("admission edge cases", () => {
  it("frees the hold when a settle with bad usage is followed by a release, and accepts a corrected settle", async () => {
    const ledger = createLedger({
      prices,
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 1 } }],
    });
    const first = await ledger.reserve({
      model: "acme:flat",
      estimate: cent,
      context: { userId: "u" },
    });
    await expect(first.settle({ inputTokens: 1, outputTokens: -1 })).rejects.toMatchObject({
      code: "INVALID_USAGE",
    });
    await first.release();
    const second = await ledger.reserve({
      model: "acme:flat",
      estimate: cent,
      context: { userId: "u" },
    });
    await expect(second.settle({ inputTokens: 1, outputTokens: -1 })).rejects.toMatchObject({
      code: "INVALID_USAGE",
    });
    await expect(second.settle(halfCent)).resolves.toMatchObject({ costNanoUsd: 5_000_000 });
    const [status] = await ledger.status({ userId: "u" });
    expect(status).toMatchObject({ spent: 5_000_000, held: 0 });
  });

  it("lets a fallback without a provider resolve its own, and holds its explicit output", async () => {
    const ledger = createLedger({
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.01 } }],
    });
    const reservation = await ledger.reserve({
      model: "gpt-4o",
      provider: "openai",
      // gpt-4o: 6,000 × $2.50/M + 100 × $10/M = $0.016, over $0.01.
      estimate: { inputTokens: 6_000, outputTokens: 100 },
      context: { userId: "u" },
      fallbackModels: [{ model: "gpt-4o-mini" }],
    });
    // gpt-4o-mini: 6,000 × $0.15/M + 100 × $0.60/M = $0.00096, the explicit 100 output tokens held.
    expect(reservation).toMatchObject({
      model: "gpt-4o-mini",
      provider: "openai",
      fallbackFrom: "gpt-4o",
    });
    expect(reservation.estimate).toMatchObject({ outputTokens: 100, costNanoUsd: 960_000 });
  });

  it("answers a denial, not UnknownModelError, when the only fallback is unpriced", async () => {
    const ledger = createLedger({
      prices,
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.005 } }],
    });
    await expect(
      ledger.reserve({
        model: "acme:flat",
        estimate: cent,
        context: { userId: "u" },
        fallbackModels: [{ model: "nobody-knows-me" }],
      }),
    ).rejects.toMatchObject({ code: "BUDGET_EXCEEDED" });
  });
});
