import { describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

// $0.001 per input token, $0.01 per output token (user prices, USD per 1M tokens).
const prices = { "acme:flat": { inputMtok: 1_000, outputMtok: 10_000 } };
const usdBudget = { id: "daily", scope: "userId", window: "day" as const, limit: { usd: 1 } };
// 100 input tokens ($0.10) and up to 200 output tokens ($2.00): $2.10 against $1.
const call = {
  model: "acme:flat",
  estimate: { inputTokens: 100, outputTokens: 200 },
  context: { userId: "ann" },
};

describe("shrinkToFit: admit with the output cap that fits instead of refusing", () => {
  it("holds the largest output that fits a USD budget, and says so", async () => {
    const capped: LedgerEvents["output-capped"][] = [];
    const ledger = createLedger({ prices, budgets: [usdBudget] });
    ledger.on("output-capped", (event) => capped.push(event));
    await expect(ledger.reserve(call)).rejects.toThrow(BudgetExceededError);
    // shrinkToFit: true would refuse: 90 is under its default minimum of 256 output tokens.
    await expect(ledger.reserve({ ...call, shrinkToFit: true })).rejects.toThrow(
      BudgetExceededError,
    );
    const reservation = await ledger.reserve({ ...call, shrinkToFit: { minOutputTokens: 50 } });
    // $1 − $0.10 of input leaves $0.90: 90 output tokens at $0.01.
    expect(reservation.estimate).toMatchObject({ outputTokens: 90, costNanoUsd: 1_000_000_000 });
    expect(reservation.cappedFrom).toBe(200);
    expect(capped).toEqual([
      {
        model: "flat",
        provider: "acme",
        requestedOutputTokens: 200,
        outputTokens: 90,
        context: { userId: "ann" },
      },
    ]);
    const record = await reservation.settle({ inputTokens: 100, outputTokens: 90 });
    expect(record).toMatchObject({ outputCappedFrom: 200, reservedOutputTokens: 90 });
    const [status] = await ledger.status({ userId: "ann" });
    expect(status).toMatchObject({ spent: 1_000_000_000, held: 0 });
  });

  it("refuses when less than minOutputTokens would fit", async () => {
    const ledger = createLedger({ prices, budgets: [usdBudget] });
    await expect(
      ledger.reserve({ ...call, shrinkToFit: { minOutputTokens: 100 } }),
    ).rejects.toThrow(BudgetExceededError);
  });

  it("fits a token budget too", async () => {
    const tokens = { ...usdBudget, id: "tokens", limit: { tokens: 250 } };
    const ledger = createLedger({ prices, budgets: [tokens] });
    const reservation = await ledger.reserve({ ...call, shrinkToFit: { minOutputTokens: 1 } });
    expect(reservation.estimate.outputTokens).toBe(150); // 250 − 100 input tokens
  });
});
