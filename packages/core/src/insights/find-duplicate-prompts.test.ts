import { describe, expect, it } from "vitest";
import { testLedger } from "./__fixtures__/test-ledger.js";

const ask = (question: string) => [
  { role: "system", content: "Answer from the FAQ." },
  { role: "user", content: question },
];

describe("duplicate-prompts insight", () => {
  it("prices the repeats beyond the first of each prompt, per model", async () => {
    const { ledger, clock } = testLedger();
    const context = { feature: "faq" };
    const big = { usage: { inputTokens: 1000, outputTokens: 200 }, context, model: "acme:big" };
    for (let index = 0; index < 3; index++) {
      await ledger.record({ ...big, messages: ask("Refund policy?") });
      clock.advance(60_000);
    }
    const small = { usage: { inputTokens: 500, outputTokens: 100 }, context, model: "acme:big" };
    await ledger.record({ ...small, messages: ask("Opening hours?") });
    await ledger.record({ ...small, messages: ask("Opening hours?") });
    await ledger.record({ ...small, messages: ask("Shipping to Norway?") });
    // Not duplicates: a failed call (failed-calls counts it) and the same prompt on another model.
    await ledger.record({ ...big, messages: ask("Refund policy?"), meta: { status: "error" } });
    await ledger.record({ ...big, model: "acme:mid", messages: ask("Refund policy?") });

    const insights = (await ledger.insights()).filter(
      (insight) => insight.kind === "duplicate-prompts",
    );
    // "Refund policy?" on big: 1000 × $3/M + 200 × $15/M = $0.003 + $0.003 = 6,000,000 nano-USD.
    // "Opening hours?": 500 × $3/M + 100 × $15/M = $0.0015 + $0.0015 = 3,000,000 nano-USD.
    // Repeats: 2 × 6,000,000 + 1 × 3,000,000 = 15,000,000 nano-USD ($0.015).
    expect(insights).toHaveLength(1);
    const [insight] = insights;
    expect(insight).toMatchObject({
      kind: "duplicate-prompts",
      provider: "acme",
      model: "big",
      feature: "faq",
      savingsNanoUsd: 15_000_000,
      savingsUsd: 0.015,
      heldNanoUsd: 0,
      affectedRequests: 3,
      evidence: { repeatedPrompts: 2, duplicateRequests: 3 },
    });
    expect(
      insight?.evidence.topPrompts.map((prompt) => [prompt.requests, prompt.repeatCostNanoUsd]),
    ).toEqual([
      [3, 12_000_000],
      [2, 3_000_000],
    ]);
    expect(insight?.title).toBe('3 repeated prompts on acme:big (feature "faq")');
    expect(insight?.detail).toContain("$0.0150");
  });

  it("finds nothing when every prompt is different", async () => {
    const { ledger } = testLedger();
    for (const question of ["a?", "b?", "c?"]) {
      await ledger.record({
        model: "acme:big",
        usage: { inputTokens: 10, outputTokens: 10 },
        messages: ask(question),
      });
    }
    expect(await ledger.insights()).toEqual([]);
  });
});
