import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readRecordSummary, summarizeRecord } from "./record-summary.js";
import type { UsageRecord } from "./types.js";

function recordCosting(costNanoUsd: number, priced = true): UsageRecord {
  return {
    id: "rec-1",
    time: "2026-12-08T04:00:00.000Z",
    kind: "chat",
    provider: "openai",
    requestedModel: "gpt-4o",
    model: "gpt-4o",
    usage: { inputTokens: 1000, outputTokens: 200 },
    cost: null,
    costNanoUsd,
    priced,
    estimated: false,
    status: "ok",
    context: {},
  };
}

describe("summarizeRecord", () => {
  it("says the cost in USD and exact nano-USD", () => {
    // 4 500 000 nano-USD = 4 500 000 / 10⁹ USD = $0.0045
    expect(summarizeRecord(recordCosting(4_500_000))).toEqual({
      recordId: "rec-1",
      costUsd: 0.0045,
      costNanoUsd: 4_500_000,
      priced: true,
      estimated: false,
      model: "gpt-4o",
      provider: "openai",
      status: "ok",
    });
  });

  it("reads back what it wrote, after a JSON round trip, for any cost", () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.boolean(), (nanoUsd, priced) => {
        const summary = summarizeRecord(recordCosting(nanoUsd, priced));
        const read = readRecordSummary(JSON.parse(JSON.stringify(summary)));
        expect(read).toEqual(summary);
        // USD is the display form of the exact integer: within one nano-USD of it.
        expect(Math.abs(Math.round((read?.costUsd ?? -1) * 1e9) - nanoUsd)).toBeLessThanOrEqual(
          Math.max(1, nanoUsd * Number.EPSILON * 4),
        );
      }),
    );
  });

  it("reads undefined from anything that is not a whole summary", () => {
    const summary = summarizeRecord(recordCosting(10));
    expect(readRecordSummary(undefined)).toBeUndefined();
    expect(readRecordSummary("rec-1")).toBeUndefined();
    expect(readRecordSummary({ ...summary, costNanoUsd: 1.5 })).toBeUndefined();
    expect(readRecordSummary({ ...summary, status: "done" })).toBeUndefined();
    const { priced: _priced, ...withoutPriced } = summary;
    expect(readRecordSummary(withoutPriced)).toBeUndefined();
  });
});
