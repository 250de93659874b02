import type { UsageRecord } from "../ledger/types.js";
import type { Catalog } from "../pricing/create-catalog.js";
import type { ResolvedInsightOptions } from "./insight-options.js";
import { formatUsd, makeInsight } from "./make-insight.js";
import { nearestRank } from "./percentile.js";
import { featureOf, groupRecords, modelKeyOf, subjectLabel } from "./record-groups.js";
import { costAt, resolvedModelOf } from "./reprice.js";
import type { InsightOf } from "./types.js";

/** Headroom of the suggested cap over the observed p95. */
const SUGGESTED_HEADROOM = 1.5;
const MIN_SUGGESTED_TOKENS = 16;

/**
 * `oversized-max-output`: per provider:model × feature, the output tokens held before each call
 * (`reservedOutputTokens`: the call's `maxOutputTokens`, else the model's cap or the ledger
 * default) against the output actually produced. Flagged when the median hold is at least
 * `overholdRatio` × the p95 output (nearest rank) and `overholdMinTokens` above it, over at
 * least `minSampleSize` successful calls.
 *
 * This costs nothing on the bill (providers charge what is generated), so `savingsNanoUsd` is
 * 0. `heldNanoUsd` is the budget held and never used, summed over the calls: for each, the cost
 * of its usage with the reserved output minus the cost of its actual usage. Budgets see
 * `spent + held`, so oversized holds refuse calls that would have fit.
 */
export function findOversizedMaxOutput(
  records: readonly UsageRecord[],
  catalog: Catalog,
  options: ResolvedInsightOptions,
): InsightOf<"oversized-max-output">[] {
  const eligible = records.filter(
    (record) =>
      record.status === "ok" &&
      record.kind === "chat" &&
      !record.estimated &&
      record.reservedOutputTokens !== undefined,
  );
  const groups = groupRecords(
    eligible,
    (record) => `${modelKeyOf(record)}|${featureOf(record) ?? ""}`,
  );
  const insights: InsightOf<"oversized-max-output">[] = [];
  for (const group of groups.values()) {
    if (group.length < options.minSampleSize) continue;
    const first = group[0] as UsageRecord;
    const model = resolvedModelOf(first, catalog);
    if (model === undefined) continue;
    const p95OutputTokens = nearestRank(
      group.map((record) => record.usage.outputTokens),
      0.95,
    ) as number;
    const medianReservedOutputTokens = nearestRank(
      group.map((record) => record.reservedOutputTokens as number),
      0.5,
    ) as number;
    const oversized =
      medianReservedOutputTokens >= options.overholdRatio * Math.max(1, p95OutputTokens) &&
      medianReservedOutputTokens - p95OutputTokens >= options.overholdMinTokens;
    if (!oversized) continue;
    let heldNanoUsd = 0;
    for (const record of group) {
      const reserved = record.reservedOutputTokens as number;
      if (reserved <= record.usage.outputTokens) continue;
      const held = { inputTokens: record.usage.inputTokens, outputTokens: reserved };
      const used = {
        inputTokens: record.usage.inputTokens,
        outputTokens: record.usage.outputTokens,
      };
      heldNanoUsd += costAt(model, held, record) - costAt(model, used, record);
    }
    const suggestedMaxOutputTokens = Math.max(
      MIN_SUGGESTED_TOKENS,
      Math.ceil(p95OutputTokens * SUGGESTED_HEADROOM),
    );
    const feature = featureOf(first);
    insights.push(
      makeInsight<"oversized-max-output">({
        kind: "oversized-max-output",
        title: `maxOutputTokens far above real output on ${subjectLabel(first.provider, first.model, feature)}`,
        detail:
          `Calls hold a median of ${medianReservedOutputTokens.toLocaleString("en-US")} output tokens but 95% produce ${p95OutputTokens.toLocaleString("en-US")} or fewer. ` +
          `That held ${formatUsd(heldNanoUsd)} of budget for nothing over ${group.length} calls (not billed, but budgets count holds until settled). ` +
          `Set maxOutputTokens to about ${suggestedMaxOutputTokens.toLocaleString("en-US")}.`,
        savingsNanoUsd: 0,
        heldNanoUsd,
        affectedRequests: group.length,
        provider: first.provider,
        model: first.model,
        feature,
        evidence: {
          sampleSize: group.length,
          p95OutputTokens,
          medianReservedOutputTokens,
          suggestedMaxOutputTokens,
        },
      }),
    );
  }
  return insights;
}
