import { describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

describe("worst-case output without maxOutputTokens", () => {
  it("holds the model's output limit: a $0.05 budget refuses an uncapped Claude Haiku 4.5 call", async () => {
    const ledger = createLedger({
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.05 } }],
    });
    const uncapped = ledger.reserve({
      model: "claude-haiku-4-5",
      prompt: "Summarize the attached contract.",
      context: { userId: "u" },
    });
    // Claude Haiku 4.5: $5 per 1M output tokens, 64,000 output tokens max (Anthropic models
    // overview; LiteLLM's map, 2026-07-24): 64,000 × $5 / 1M = $0.32 > $0.05. The old hold of
    // 4,096 tokens ($0.02048) was admitted and the call could spend $0.32.
    await expect(uncapped).rejects.toSatisfy((error: unknown) =>
      BudgetExceededError.isInstance(error),
    );
    const capped = await ledger.reserve({
      model: "claude-haiku-4-5",
      prompt: "Summarize the attached contract.",
      maxOutputTokens: 4096,
      context: { userId: "u" },
    });
    expect(capped.estimate.outputTokens).toBe(4096);
    await capped.release();
  });

  it("estimates with the model's limit", async () => {
    const ledger = createLedger();
    const estimate = await ledger.estimate({ model: "claude-haiku-4-5", prompt: "Hi" });
    expect(estimate.outputTokens).toBe(64_000);
  });

  it("falls back to defaultMaxOutputTokens with one uncapped-output event per model", async () => {
    const events: LedgerEvents["uncapped-output"][] = [];
    const ledger = createLedger({
      prices: { "acme:house-model": { inputMtok: 1, outputMtok: 2 } },
      defaultMaxOutputTokens: 1000,
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 1 } }],
    });
    ledger.on("uncapped-output", (event) => events.push(event));
    for (let call = 0; call < 3; call++) {
      const reservation = await ledger.reserve({
        model: "acme:house-model",
        prompt: "Hi",
        context: { userId: "u" },
      });
      expect(reservation.estimate.outputTokens).toBe(1000);
      await reservation.release();
    }
    const capped = await ledger.reserve({
      model: "claude-haiku-4-5",
      prompt: "Hi",
      maxOutputTokens: 10,
      context: { userId: "u" },
    });
    await capped.release();
    expect(events).toEqual([
      { model: "house-model", provider: "acme", outputTokens: 1000, context: { userId: "u" } },
    ]);
  });
});
