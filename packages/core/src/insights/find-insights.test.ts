import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { UsageRecord } from "../ledger/types.js";
import { createCatalog } from "../pricing/create-catalog.js";
import { TEST_PRICES } from "./__fixtures__/test-ledger.js";
import { findInsights } from "./find-insights.js";

const catalog = createCatalog({ prices: TEST_PRICES, includeDefaults: false });

function record(fields: Partial<UsageRecord>): UsageRecord {
  return {
    id: crypto.randomUUID(),
    time: "2026-11-22T10:00:00.000Z",
    kind: "chat",
    provider: "acme",
    requestedModel: "big",
    model: "big",
    usage: { inputTokens: 0, outputTokens: 0 },
    cost: null,
    costNanoUsd: 0,
    priced: true,
    estimated: false,
    status: "ok",
    context: {},
    ...fields,
  };
}

describe("findInsights", () => {
  it("works on plain records and sorts by savings, largest first", () => {
    const records = [
      record({ promptHash: "a", costNanoUsd: 1_000 }),
      record({ promptHash: "a", costNanoUsd: 1_000 }),
      record({ status: "error", costNanoUsd: 5_000 }),
    ];
    const insights = findInsights(records, { catalog });
    expect(insights.map((insight) => [insight.kind, insight.savingsNanoUsd])).toEqual([
      ["failed-calls", 5_000],
      ["duplicate-prompts", 1_000],
    ]);
  });

  it("skips unpriced records and rejects bad thresholds with a typed error", () => {
    const unpriced = [1, 2].map(() =>
      record({ provider: "x", model: "y", priced: false, promptHash: "a", costNanoUsd: 0 }),
    );
    expect(findInsights(unpriced, { catalog })).toEqual([]);
    expect(() => findInsights([], { priceRatio: 0.5 })).toThrow(InvalidConfigError);
    expect(() => findInsights([], { minSampleSize: 1.5 })).toThrow(/minSampleSize/);
  });
});
