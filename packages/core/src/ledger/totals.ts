import { nanoUsdToUsd } from "../money/nano-usd.js";
import type { Totals, UsageRecord } from "./types.js";

/** Totals with every count at zero. */
export function emptyTotals(): Totals {
  return {
    totalTokens: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedPromptTokens: 0,
    reasoningTokens: 0,
    embeddingTokens: 0,
    successfulRequests: 0,
    failedRequests: 0,
    unpricedRequests: 0,
    totalCostNanoUsd: 0,
    totalCostUsd: 0,
  };
}

/**
 * Adds one record to `totals` in place, in the sense of LangChain's `get_openai_callback`:
 * chat tokens go to prompt/completion, embedding tokens are counted apart, and a request is
 * successful when its status is `ok`.
 */
export function addRecordToTotals(totals: Totals, record: UsageRecord): Totals {
  const { usage } = record;
  if (record.kind === "embedding") {
    totals.embeddingTokens += usage.inputTokens;
  } else {
    totals.promptTokens += usage.inputTokens;
    totals.completionTokens += usage.outputTokens;
    totals.cachedPromptTokens += usage.cacheReadTokens ?? 0;
    totals.reasoningTokens += usage.reasoningTokens ?? 0;
  }
  totals.totalTokens += usage.inputTokens + usage.outputTokens;
  if (record.status === "ok") totals.successfulRequests += 1;
  else totals.failedRequests += 1;
  if (!record.priced) totals.unpricedRequests += 1;
  totals.totalCostNanoUsd += record.costNanoUsd;
  totals.totalCostUsd = nanoUsdToUsd(totals.totalCostNanoUsd);
  return totals;
}

/** Totals of a list of records. */
export function totalsOf(records: Iterable<UsageRecord>): Totals {
  const totals = emptyTotals();
  for (const record of records) addRecordToTotals(totals, record);
  return totals;
}
