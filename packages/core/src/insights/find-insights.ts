import type { UsageRecord } from "../ledger/types.js";
import { defaultCatalog } from "../pricing/create-catalog.js";
import { findDuplicatePrompts } from "./find-duplicate-prompts.js";
import { findExpensiveModel } from "./find-expensive-model.js";
import { findFailedCalls } from "./find-failed-calls.js";
import { findOversizedMaxOutput } from "./find-oversized-max-output.js";
import { findUncachedPrefix } from "./find-uncached-prefix.js";
import { resolveInsightOptions } from "./insight-options.js";
import type { FindInsightsOptions, Insight } from "./types.js";

/**
 * Every insight over a set of usage records (pure; no store access): duplicate prompts,
 * uncached static prefixes, oversized `maxOutputTokens`, expensive models on short outputs,
 * failed and aborted calls. Sorted by `savingsNanoUsd`, then `heldNanoUsd`, then
 * `affectedRequests`, largest first. Works from prompt hashes, token counts and costs only.
 *
 * @throws InvalidConfigError for invalid thresholds.
 * @example
 * const insights = findInsights(await store.query({ from: "2026-11-01" }), { catalog });
 */
export function findInsights(
  records: readonly UsageRecord[],
  options: FindInsightsOptions = {},
): Insight[] {
  const resolved = resolveInsightOptions(options);
  const catalog = options.catalog ?? defaultCatalog;
  const insights: Insight[] = [
    ...findDuplicatePrompts(records),
    ...findUncachedPrefix(records, catalog, resolved),
    ...findOversizedMaxOutput(records, catalog, resolved),
    ...findExpensiveModel(records, catalog, resolved),
    ...findFailedCalls(records),
  ];
  return insights.sort(
    (left, right) =>
      right.savingsNanoUsd - left.savingsNanoUsd ||
      right.heldNanoUsd - left.heldNanoUsd ||
      right.affectedRequests - left.affectedRequests,
  );
}
