import { describe, expect, it } from "vitest";
import { createLedger } from "./create-ledger.js";

describe("service tiers through the ledger", () => {
  it("holds at the requested tier and settles at the tier the provider answered with", async () => {
    const ledger = createLedger();
    // gpt-5-mini (openai.com/api/pricing, checked 2026-12-08): flex $0.125 / $1.00, priority
    // $0.45 / $3.60, standard $0.25 / $2.00 per 1M input / output tokens.
    const reservation = await ledger.reserve({
      model: "gpt-5-mini",
      estimate: { inputTokens: 10_000, outputTokens: 1_000 },
      serviceTier: "flex",
    });
    // 10,000 × 0.125 + 1,000 × 1.00 = $0.00225 = 2,250,000 nano-USD
    expect(reservation.estimate.costNanoUsd).toBe(2_250_000);
    const record = await reservation.settle(
      { inputTokens: 10_000, outputTokens: 1_000 },
      { serviceTier: "priority" },
    );
    // 10,000 × 0.45 + 1,000 × 3.60 = $0.0081
    expect(record.costNanoUsd).toBe(8_100_000);
    expect(record.cost?.serviceTier).toBe("priority");
    const flex = await ledger.reserve({
      model: "gpt-5-mini",
      estimate: { inputTokens: 10_000, outputTokens: 1_000 },
      serviceTier: "flex",
    });
    expect((await flex.settle({ inputTokens: 10_000, outputTokens: 1_000 })).costNanoUsd).toBe(
      2_250_000,
    );
  });
});
