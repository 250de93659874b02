import { describe, expect, it } from "vitest";
import { testLedger } from "./__fixtures__/test-ledger.js";

describe("oversized-max-output insight", () => {
  it("reports the budget held above p95 output, not a bill saving", async () => {
    const { ledger } = testLedger();
    const outputs = [100, 120, 150, 180, 200, 90, 110, 130, 140, 160];
    for (const outputTokens of outputs) {
      const reservation = await ledger.reserve({
        model: "acme:big",
        context: { feature: "summarize" },
        estimate: { inputTokens: 100, outputTokens: 4000 },
      });
      await reservation.settle({ inputTokens: 100, outputTokens });
    }
    // A right-sized call site: holds 300, produces 100 → 300 < 4 × 100, not flagged.
    for (let index = 0; index < 5; index++) {
      const reservation = await ledger.reserve({
        model: "acme:big",
        context: { feature: "classify" },
        estimate: { inputTokens: 100, outputTokens: 300 },
      });
      await reservation.settle({ inputTokens: 100, outputTokens: 100 });
    }

    const insights = (await ledger.insights()).filter(
      (insight) => insight.kind === "oversized-max-output",
    );
    // p95 by nearest rank of 10 outputs: rank ceil(9.5) = 10 → 200. Median hold: 4,000.
    // Unused: 10 × 4,000 − (100+120+150+180+200+90+110+130+140+160 = 1,380) = 38,620 tokens,
    // at $15/M = 15,000 nano-USD per token → 579,300,000 nano-USD held for nothing.
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({
      kind: "oversized-max-output",
      model: "big",
      feature: "summarize",
      savingsNanoUsd: 0,
      savingsUsd: 0,
      heldNanoUsd: 579_300_000,
      affectedRequests: 10,
      evidence: {
        sampleSize: 10,
        p95OutputTokens: 200,
        medianReservedOutputTokens: 4000,
        suggestedMaxOutputTokens: 300, // ceil(200 × 1.5)
      },
    });
  });

  it("waits for enough calls before judging", async () => {
    const { ledger } = testLedger();
    for (let index = 0; index < 4; index++) {
      const reservation = await ledger.reserve({
        model: "acme:big",
        estimate: { inputTokens: 100, outputTokens: 4000 },
      });
      await reservation.settle({ inputTokens: 100, outputTokens: 100 });
    }
    expect(await ledger.insights()).toEqual([]);
    expect(
      (await ledger.insights({}, { minSampleSize: 4 })).map((insight) => insight.kind),
    ).toEqual(["oversized-max-output"]);
  });
});
