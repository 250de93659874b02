import { describe, expect, it } from "vitest";
import { usageRecord } from "./__fixtures__/usage-record.js";
import { reconcileReportedCosts } from "./reconcile-costs.js";

describe("reconcileReportedCosts", () => {
  it("compares gateway-reported costs with the computed ones per day × model", () => {
    const outcome = reconcileReportedCosts({
      records: [
        // Matches: $0.30 computed, $0.30 reported.
        usageRecord({
          model: "gpt-4o",
          costNanoUsd: 300_000_000,
          reportedCostNanoUsd: 300_000_000,
        }),
        // The gateway billed $0.02 more than the price: beyond one cent.
        usageRecord({
          model: "gpt-4.1",
          costNanoUsd: 100_000_000,
          reportedCostNanoUsd: 120_000_000,
        }),
        // Approximate price, $0.05 low.
        usageRecord({
          model: "gpt-5-preview",
          costNanoUsd: 50_000_000,
          reportedCostNanoUsd: 100_000_000,
          priceMatch: "family",
        }),
        // No reported cost: left out.
        usageRecord({ model: "o3", costNanoUsd: 900_000_000 }),
      ],
    });
    expect(
      outcome.rows.map((row) => [
        row.model,
        row.ledgerCostNanoUsd,
        row.providerCostNanoUsd,
        row.causes.join(","),
      ]),
    ).toEqual([
      ["gpt-4.1", 100_000_000, 120_000_000, "price-drift"],
      ["gpt-4o", 300_000_000, 300_000_000, ""],
      ["gpt-5-preview", 50_000_000, 100_000_000, "approximate-prices"],
    ]);
    expect(outcome.differences).toBe(2);
    expect(outcome.source).toBe("reported");
  });
});
