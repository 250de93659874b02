import type { UsageRecord } from "../ledger/types.js";
import { formatUsd, makeInsight } from "./make-insight.js";
import {
  commonFeature,
  groupRecords,
  modelKeyOf,
  oldestFirst,
  subjectLabel,
} from "./record-groups.js";
import type { DuplicatePromptsEvidence, InsightOf } from "./types.js";

const TOP_PROMPTS = 5;

/**
 * `duplicate-prompts`: the same prompt (same `promptHash`) sent again to the same model and
 * billed again. Every repeat reached the provider (a response cache in front of the model would
 * have answered it), so the saving is the full cost of the repeats beyond the first of each
 * prompt, provider prompt-cache discounts included. One insight per provider:model. Only
 * successful calls count (failed ones are `failed-calls`).
 */
export function findDuplicatePrompts(
  records: readonly UsageRecord[],
): InsightOf<"duplicate-prompts">[] {
  const eligible = oldestFirst(
    records.filter((record) => record.status === "ok" && record.promptHash !== undefined),
  );
  const insights: InsightOf<"duplicate-prompts">[] = [];
  for (const group of groupRecords(eligible, modelKeyOf).values()) {
    const byPrompt = groupRecords(group, (record) => record.promptHash);
    const repeats: UsageRecord[] = [];
    const topPrompts: DuplicatePromptsEvidence["topPrompts"] = [];
    for (const [promptHash, calls] of byPrompt) {
      if (calls.length < 2) continue;
      const later = calls.slice(1);
      repeats.push(...later);
      let repeatCostNanoUsd = 0;
      for (const call of later) repeatCostNanoUsd += call.costNanoUsd;
      topPrompts.push({ promptHash, requests: calls.length, repeatCostNanoUsd });
    }
    let savingsNanoUsd = 0;
    for (const repeat of repeats) savingsNanoUsd += repeat.costNanoUsd;
    if (savingsNanoUsd <= 0) continue;
    const first = group[0] as UsageRecord;
    const feature = commonFeature(repeats);
    topPrompts.sort(
      (left, right) =>
        right.repeatCostNanoUsd - left.repeatCostNanoUsd || right.requests - left.requests,
    );
    const mostRepeated = Math.max(...topPrompts.map((prompt) => prompt.requests));
    insights.push(
      makeInsight<"duplicate-prompts">({
        kind: "duplicate-prompts",
        title: `${repeats.length} repeated prompts on ${subjectLabel(first.provider, first.model, feature)}`,
        detail:
          `${repeats.length} calls resent a prompt this model had already answered ` +
          `(${topPrompts.length} distinct prompts, one sent ${mostRepeated} times). ` +
          `A response cache keyed on the prompt hash would have saved ${formatUsd(savingsNanoUsd)}. ` +
          "Skip this if the repeats sample on purpose (temperature > 0 for variety).",
        savingsNanoUsd,
        affectedRequests: repeats.length,
        provider: first.provider,
        model: first.model,
        feature,
        evidence: {
          repeatedPrompts: topPrompts.length,
          duplicateRequests: repeats.length,
          topPrompts: topPrompts.slice(0, TOP_PROMPTS),
        },
      }),
    );
  }
  return insights;
}
