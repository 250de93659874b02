import { describe, expect, it } from "vitest";
import { createLedger } from "../ledger/create-ledger.js";
import { testLedger } from "./__fixtures__/test-ledger.js";

describe("expensive-model-short-output insight", () => {
  it("reprices short-output calls on the first cheaper sibling that is 5× cheaper", async () => {
    const { ledger } = testLedger();
    for (let index = 0; index < 6; index++) {
      await ledger.record({
        model: "acme:big",
        usage: { inputTokens: 400, outputTokens: 5 },
        context: { feature: "classify" },
      });
      // Long answers on the same model are not flagged.
      await ledger.record({
        model: "acme:big",
        usage: { inputTokens: 400, outputTokens: 300 },
        context: { feature: "chat" },
      });
    }
    // "acme:mid" (given first) is only 3× cheaper, so the sibling "big-mini" is chosen.
    const insights = (await ledger.insights({}, { cheaperModels: { "acme:big": ["mid"] } })).filter(
      (insight) => insight.kind === "expensive-model-short-output",
    );
    // big:      400 × $3/M + 5 × $15/M   = $0.001200 + $0.000075 = 1,275,000 nano-USD per call.
    // mid:      400 × $1/M + 5 × $5/M    = $0.000400 + $0.000025 =   425,000 (ratio 3, skipped).
    // big-mini: 400 × $0.3/M + 5 × $1.2/M = $0.000120 + $0.000006 =   126,000 nano-USD per call.
    // 6 calls: 7,650,000 − 756,000 = 6,894,000 nano-USD saved; ratio 7,650,000 / 756,000.
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({
      kind: "expensive-model-short-output",
      model: "big",
      feature: "classify",
      savingsNanoUsd: 6_894_000,
      affectedRequests: 6,
      evidence: {
        medianOutputTokens: 5,
        cheaperProvider: "acme",
        cheaperModel: "big-mini",
        actualCostNanoUsd: 7_650_000,
        cheaperCostNanoUsd: 756_000,
        priceRatio: 7_650_000 / 756_000,
      },
    });
  });

  it("knows catalog siblings: gpt-4o → gpt-4o-mini", async () => {
    const ledger = createLedger();
    for (let index = 0; index < 5; index++) {
      await ledger.record({ model: "gpt-4o", usage: { inputTokens: 1000, outputTokens: 10 } });
    }
    const [insight] = await ledger.insights();
    // gpt-4o ($2.50 / $10 per M): 1,000 × 2.5 + 10 × 10 = 2,600 µ$ = 2,600,000 nano-USD per call.
    // gpt-4o-mini ($0.15 / $0.60): 1,000 × 0.15 + 10 × 0.6 = 156 µ$ = 156,000 nano-USD per call.
    // 5 × (2,600,000 − 156,000) = 12,220,000 nano-USD.
    expect(insight).toMatchObject({
      kind: "expensive-model-short-output",
      provider: "openai",
      model: "gpt-4o",
      savingsNanoUsd: 12_220_000,
      evidence: { cheaperModel: "gpt-4o-mini" },
    });
  });
});
