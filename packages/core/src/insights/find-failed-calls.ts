import type { UsageRecord } from "../ledger/types.js";
import { formatUsd, makeInsight } from "./make-insight.js";
import {
  commonFeature,
  costOf,
  groupRecords,
  modelKeyOf,
  oldestFirst,
  subjectLabel,
} from "./record-groups.js";
import type { InsightOf } from "./types.js";

/**
 * `failed-calls`: calls recorded with status `error` or `aborted` (billed tokens of timeouts,
 * cut streams, abandoned generations), per provider:model. Saving = their whole cost: money
 * that bought no answer. `retriedRequests` counts failed calls whose prompt (same `promptHash`)
 * was later sent again and succeeded.
 */
export function findFailedCalls(records: readonly UsageRecord[]): InsightOf<"failed-calls">[] {
  const ordered = oldestFirst(records);
  const insights: InsightOf<"failed-calls">[] = [];
  for (const group of groupRecords(ordered, modelKeyOf).values()) {
    const failed = group.filter((record) => record.status !== "ok");
    const savingsNanoUsd = costOf(failed);
    if (failed.length === 0 || savingsNanoUsd <= 0) continue;
    const errors = failed.filter((record) => record.status === "error");
    const aborted = failed.filter((record) => record.status === "aborted");
    const lastSuccessMs = new Map<string, number>();
    for (const record of group) {
      if (record.status === "ok" && record.promptHash !== undefined) {
        lastSuccessMs.set(record.promptHash, Date.parse(record.time));
      }
    }
    let retriedRequests = 0;
    for (const record of failed) {
      const successMs =
        record.promptHash === undefined ? undefined : lastSuccessMs.get(record.promptHash);
      if (successMs !== undefined && successMs >= Date.parse(record.time)) retriedRequests++;
    }
    const first = group[0] as UsageRecord;
    const feature = commonFeature(failed);
    const parts: string[] = [];
    if (errors.length > 0) {
      parts.push(
        `${errors.length} ${errors.length === 1 ? "call" : "calls"} ended in an error (${formatUsd(costOf(errors))})`,
      );
    }
    if (aborted.length > 0) {
      parts.push(
        `${aborted.length} ${aborted.length === 1 ? "call was" : "calls were"} aborted (${formatUsd(costOf(aborted))})`,
      );
    }
    const retries =
      retriedRequests > 0 ? ` ${retriedRequests} were sent again with the same prompt.` : "";
    const what =
      errors.length === 0 ? "aborted" : aborted.length === 0 ? "failed" : "failed or aborted";
    insights.push(
      makeInsight<"failed-calls">({
        kind: "failed-calls",
        title: `${formatUsd(savingsNanoUsd)} spent on ${failed.length} ${what} calls on ${subjectLabel(first.provider, first.model, feature)}`,
        detail:
          `${parts.join(" and ")}, billed for the tokens they used.${retries} ` +
          "Cap output, set timeouts that fit the answer length, and cancel streams only when the user has left.",
        savingsNanoUsd,
        affectedRequests: failed.length,
        provider: first.provider,
        model: first.model,
        feature,
        evidence: {
          errorRequests: errors.length,
          errorCostNanoUsd: costOf(errors),
          abortedRequests: aborted.length,
          abortedCostNanoUsd: costOf(aborted),
          retriedRequests,
        },
      }),
    );
  }
  return insights;
}
