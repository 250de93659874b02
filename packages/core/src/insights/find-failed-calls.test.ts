import { describe, expect, it } from "vitest";
import { testLedger } from "./__fixtures__/test-ledger.js";

describe("failed-calls insight", () => {
  it("sums what failed and aborted calls cost and counts retries", async () => {
    const { ledger, clock } = testLedger();
    const call = { model: "acme:big", context: { feature: "chat" } };
    await ledger.record({
      ...call,
      usage: { inputTokens: 1000, outputTokens: 0 },
      promptHash: "p1",
      meta: { status: "error" },
    });
    clock.advance(1000);
    await ledger.record({
      ...call,
      usage: { inputTokens: 1000, outputTokens: 200 },
      promptHash: "p1",
    });
    await ledger.record({
      ...call,
      usage: { inputTokens: 1000, outputTokens: 0 },
      promptHash: "p2",
      meta: { status: "error" },
    });
    await ledger.record({
      ...call,
      usage: { inputTokens: 1000, outputTokens: 200 },
      promptHash: "p3",
      meta: { status: "aborted", estimated: true },
    });

    const insights = (await ledger.insights()).filter((insight) => insight.kind === "failed-calls");
    // Errors: 2 × 1,000 × $3/M = 2 × 3,000,000 = 6,000,000 nano-USD.
    // Aborted: 1,000 × $3/M + 200 × $15/M = 3,000,000 + 3,000,000 = 6,000,000 nano-USD.
    // Only p1 was sent again and succeeded → 1 retry.
    expect(insights).toHaveLength(1);
    expect(insights[0]).toMatchObject({
      kind: "failed-calls",
      feature: "chat",
      savingsNanoUsd: 12_000_000,
      affectedRequests: 3,
      evidence: {
        errorRequests: 2,
        errorCostNanoUsd: 6_000_000,
        abortedRequests: 1,
        abortedCostNanoUsd: 6_000_000,
        retriedRequests: 1,
      },
    });
    expect(insights[0]?.title).toBe(
      '$0.0120 spent on 3 failed or aborted calls on acme:big (feature "chat")',
    );
  });
});
