import type { UsageRecord } from "../ledger/types.js";
import type { Catalog } from "../pricing/create-catalog.js";
import { cheaperModelCandidates } from "./cheaper-models.js";
import type { ResolvedInsightOptions } from "./insight-options.js";
import { formatUsd, makeInsight } from "./make-insight.js";
import { nearestRank } from "./percentile.js";
import { costOf, featureOf, groupRecords, modelKeyOf, subjectLabel } from "./record-groups.js";
import { costAt } from "./reprice.js";
import type { InsightOf } from "./types.js";

/**
 * `expensive-model-short-output`: per provider:model × feature, successful priced chat calls
 * (at least `minSampleSize`) whose median output (nearest rank) is below `shortOutputTokens` —
 * classification, routing, yes/no answers — on a model that costs at least `priceRatio` times a
 * cheaper model of the same provider for this very workload. The cheaper model is the first of
 * {@link cheaperModelCandidates} that resolves in the catalog under the same provider and
 * reaches the ratio; every call's usage is repriced on it exactly, at the call's time.
 * Saving = actual cost − cost on the cheaper model. Check quality before switching.
 */
export function findExpensiveModel(
  records: readonly UsageRecord[],
  catalog: Catalog,
  options: ResolvedInsightOptions,
): InsightOf<"expensive-model-short-output">[] {
  const eligible = records.filter(
    (record) => record.status === "ok" && record.kind === "chat" && record.priced,
  );
  const groups = groupRecords(
    eligible,
    (record) => `${modelKeyOf(record)}|${featureOf(record) ?? ""}`,
  );
  const insights: InsightOf<"expensive-model-short-output">[] = [];
  for (const group of groups.values()) {
    if (group.length < options.minSampleSize) continue;
    const medianOutputTokens = nearestRank(
      group.map((record) => record.usage.outputTokens),
      0.5,
    ) as number;
    if (medianOutputTokens >= options.shortOutputTokens) continue;
    const first = group[0] as UsageRecord;
    const actualCostNanoUsd = costOf(group);
    if (actualCostNanoUsd <= 0) continue;
    for (const candidate of cheaperModelCandidates(
      first.provider,
      first.model,
      options.cheaperModels,
    )) {
      const cheaper = catalog.resolve(candidate, first.provider);
      if (
        cheaper === undefined ||
        cheaper.provider !== first.provider ||
        cheaper.model === first.model
      ) {
        continue;
      }
      let cheaperCostNanoUsd = 0;
      for (const record of group) cheaperCostNanoUsd += costAt(cheaper, record.usage, record);
      if (cheaperCostNanoUsd <= 0) continue;
      const priceRatio = actualCostNanoUsd / cheaperCostNanoUsd;
      if (priceRatio < options.priceRatio) continue;
      const savingsNanoUsd = actualCostNanoUsd - cheaperCostNanoUsd;
      const feature = featureOf(first);
      insights.push(
        makeInsight<"expensive-model-short-output">({
          kind: "expensive-model-short-output",
          title: `Short answers from ${subjectLabel(first.provider, first.model, feature)}: ${cheaper.model} costs ${priceRatio.toFixed(1)}× less`,
          detail:
            `Half of ${group.length} calls produce ${medianOutputTokens} output ${medianOutputTokens === 1 ? "token" : "tokens"} or fewer (classification-sized answers) on a model ${priceRatio.toFixed(1)}× the price of ${cheaper.model} for the same usage. ` +
            `Routing them to ${cheaper.model} would have saved ${formatUsd(savingsNanoUsd)}; check its answers on a sample first.`,
          savingsNanoUsd,
          affectedRequests: group.length,
          provider: first.provider,
          model: first.model,
          feature,
          evidence: {
            medianOutputTokens,
            cheaperProvider: cheaper.provider,
            cheaperModel: cheaper.model,
            actualCostNanoUsd,
            cheaperCostNanoUsd,
            priceRatio,
          },
        }),
      );
      break;
    }
  }
  return insights;
}
