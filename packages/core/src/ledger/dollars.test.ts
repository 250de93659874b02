import { describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

// $2 per 1M input tokens: 250_000 input tokens cost $0.50 exactly.
const prices = { "acme:two": { inputMtok: 2, outputMtok: 0 } };
const budget = {
  id: "daily",
  scope: "userId",
  window: "day" as const,
  limit: { usd: 2, requests: 10 },
  thresholds: [0.5],
};
const call = (inputTokens: number) => ({
  model: "acme:two",
  estimate: { inputTokens, outputTokens: 0 },
  context: { userId: "ann" },
});

describe("dollars beside the exact nano-USD", () => {
  it("status rows of USD limits carry limitUsd, spentUsd, heldUsd and remainingUsd", async () => {
    const ledger = createLedger({ prices, budgets: [budget] });
    await (await ledger.reserve(call(250_000))).settle({ inputTokens: 250_000, outputTokens: 0 });
    await ledger.reserve(call(125_000)); // $0.25 held
    const [usd, requests] = await ledger.status({ userId: "ann" });
    expect(usd).toMatchObject({
      limitKind: "usd",
      limit: 2_000_000_000,
      spent: 500_000_000,
      held: 250_000_000,
      remaining: 1_250_000_000,
      limitUsd: 2,
      spentUsd: 0.5,
      heldUsd: 0.25,
      remainingUsd: 1.25,
    });
    expect(requests?.limitKind).toBe("requests");
    expect(requests).not.toHaveProperty("limitUsd");
  });

  it("a USD refusal says its amounts in dollars, and so does a threshold event", async () => {
    const thresholds: LedgerEvents["threshold"][] = [];
    const ledger = createLedger({ prices, budgets: [budget] });
    ledger.on("threshold", (event) => thresholds.push(event));
    await (await ledger.reserve(call(500_000))).settle({ inputTokens: 500_000, outputTokens: 0 });
    expect(thresholds[0]).toMatchObject({ limitUsd: 2, spentUsd: 1, threshold: 0.5 });
    const refused = await ledger.reserve(call(600_000)).catch((error: unknown) => error);
    expect(BudgetExceededError.isInstance(refused)).toBe(true);
    expect((refused as BudgetExceededError).usd).toEqual({
      limitUsd: 2,
      spentUsd: 1,
      heldUsd: 0,
      requestedUsd: 1.2,
    });
  });
});
