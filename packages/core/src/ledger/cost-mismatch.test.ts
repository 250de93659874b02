import { describe, expect, it } from "vitest";
import { readReportedCostUsd } from "../pricing/read-reported-cost.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

// gpt-4o: $2.50 / $10 per 1M tokens (openai.com/api/pricing, checked 2026-12).
// 1000 input + 1000 output = $0.0025 + $0.01 = $0.0125 = 12,500,000 nano-USD.
const usage = { inputTokens: 1000, outputTokens: 1000 };

async function recordWithReported(
  reportedUsd: number,
  options: Parameters<typeof createLedger>[0] = {},
) {
  const ledger = createLedger(options);
  const events: LedgerEvents["cost-mismatch"][] = [];
  ledger.on("cost-mismatch", (event) => events.push(event));
  const record = await ledger.record({
    model: "gpt-4o",
    usage,
    meta: { providerReportedCostUsd: reportedUsd },
  });
  return { record, events };
}

describe("provider-reported cost", () => {
  it("is kept on the record in nano-USD beside the computed cost", async () => {
    const { record, events } = await recordWithReported(0.0125);
    expect(record).toMatchObject({ costNanoUsd: 12_500_000, reportedCostNanoUsd: 12_500_000 });
    expect(events).toEqual([]);
  });

  it("within 2 % of the computed cost fires nothing", async () => {
    // 0.01270 is 1.6 % above 0.0125.
    expect((await recordWithReported(0.0127)).events).toEqual([]);
  });

  it("beyond the tolerance fires cost-mismatch with the difference", async () => {
    const { record, events } = await recordWithReported(0.015);
    expect(events).toEqual([
      {
        recordId: record.id,
        model: "gpt-4o",
        provider: "openai",
        costNanoUsd: 12_500_000,
        reportedCostNanoUsd: 15_000_000,
        differenceNanoUsd: 2_500_000,
        context: {},
      },
    ]);
  });

  it("uses the configured tolerance", async () => {
    const loose = { costMismatchTolerance: { relative: 0.5 } };
    expect((await recordWithReported(0.015, loose)).events).toEqual([]);
    const strict = { costMismatchTolerance: { relative: 0, absoluteUsd: 0 } };
    expect((await recordWithReported(0.0125001, strict)).events).toHaveLength(1);
  });

  it("is read from the AI Gateway, OpenRouter and LiteLLM's header", () => {
    expect(readReportedCostUsd({ providerMetadata: { gateway: { cost: "0.000056" } } })).toBe(
      0.000056,
    );
    expect(
      readReportedCostUsd({ providerMetadata: { openrouter: { usage: { cost: 0.0021 } } } }),
    ).toBe(0.0021);
    expect(readReportedCostUsd({ headers: { "X-LiteLLM-Response-Cost": "0.00042" } })).toBe(
      0.00042,
    );
    expect(readReportedCostUsd({ headers: { "x-litellm-response-cost": "-1" } })).toBeUndefined();
    expect(readReportedCostUsd({})).toBeUndefined();
  });
});
