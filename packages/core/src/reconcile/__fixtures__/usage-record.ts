import type { UsageRecord } from "../../ledger/types.js";

let counter = 0;

/** A ledger record with the fields reconciliation reads; costs are set by the test. */
export function usageRecord(fields: Partial<UsageRecord>): UsageRecord {
  counter += 1;
  return {
    id: `record-${counter}`,
    time: "2026-11-20T10:00:00.000Z",
    kind: "chat",
    provider: "openai",
    requestedModel: fields.model ?? "gpt-4o",
    model: "gpt-4o",
    usage: { inputTokens: 0, outputTokens: 0 },
    cost: null,
    costNanoUsd: 0,
    priced: true,
    estimated: false,
    status: "ok",
    context: {},
    priceMatch: "exact",
    ...fields,
  };
}
