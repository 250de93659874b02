import type { UsageRecord } from "../ledger/types.js";
import type { PriceValue } from "../pricing/catalog-snapshot.js";
import { priceForInput } from "../pricing/charge-table.js";
import type { Catalog } from "../pricing/create-catalog.js";
import { selectScheduledPrice } from "../pricing/price-schedule.js";
import type { ResolvedModel } from "../pricing/resolved-model.js";
import type { ResolvedInsightOptions } from "./insight-options.js";
import { formatUsd, makeInsight } from "./make-insight.js";
import {
  commonFeature,
  groupRecords,
  modelKeyOf,
  oldestFirst,
  subjectLabel,
} from "./record-groups.js";
import { costAt, resolvedModelOf } from "./reprice.js";
import type { InsightOf } from "./types.js";

/** How to turn caching on, by catalog provider. */
const CACHING_HINTS: Readonly<Record<string, string>> = {
  anthropic:
    "Mark the system message for caching (Anthropic cache_control; AI SDK providerOptions.anthropic.cacheControl).",
  openai:
    "OpenAI caches identical prefixes of 1,024+ tokens on its own: keep the static part first and byte-identical (no timestamps or ids in it).",
  google:
    "Keep the static part first and identical so Gemini's implicit caching applies, or create an explicit cached content.",
};

/** True when the model's price at `atMs` has a cache-read price below its input price. */
function supportsCaching(model: ResolvedModel, atMs: number): boolean {
  const { charges } = selectScheduledPrice(model.schedule, atMs);
  return basePrice(charges.cacheRead) < basePrice(charges.input);
}

/** The price below every context tier. */
function basePrice(value: PriceValue): number {
  return typeof value === "number" ? value : value.base;
}

/** The prefix a cache could have served: the system part, within the text input of the call. */
function prefixTokensOf(record: UsageRecord): number {
  const { usage } = record;
  const textInput =
    usage.inputTokens - (usage.inputAudioTokens ?? 0) - (usage.inputImageTokens ?? 0);
  return Math.max(0, Math.min(record.systemTokens ?? 0, textInput));
}

/**
 * `uncached-prefix`: the same system part (same `systemHash`, at least `prefixMinTokens`
 * tokens) sent again and again with no cache reads or writes, on a model whose catalog price has
 * a cache-read price below its input price. The calls of each provider:model × system hash are
 * replayed oldest first against a provider cache that keeps the prefix `cacheTtlMs` after its
 * last use: a call within the TTL of the previous one would have read the prefix at the
 * cache-read price (the saving), any other call would have written it at the cache-write price
 * (the premium, where writes cost more than input: Anthropic). Saving = reads' saving − writes'
 * premium, each repriced exactly with the catalog at the call's time; reported when positive.
 */
export function findUncachedPrefix(
  records: readonly UsageRecord[],
  catalog: Catalog,
  options: ResolvedInsightOptions,
): InsightOf<"uncached-prefix">[] {
  const eligible = oldestFirst(
    records.filter(
      (record) =>
        record.status === "ok" &&
        record.systemHash !== undefined &&
        (record.systemTokens ?? 0) >= options.prefixMinTokens &&
        (record.usage.cacheReadTokens ?? 0) === 0 &&
        (record.usage.cacheWriteTokens ?? 0) === 0,
    ),
  );
  const groups = groupRecords(eligible, (record) => `${modelKeyOf(record)}|${record.systemHash}`);
  const insights: InsightOf<"uncached-prefix">[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const first = group[0] as UsageRecord;
    const model = resolvedModelOf(first, catalog);
    if (model === undefined) continue;
    let cacheReads = 0;
    let cacheWrites = 0;
    let readSavingsNanoUsd = 0;
    let writePremiumNanoUsd = 0;
    let lastUseMs = Number.NEGATIVE_INFINITY;
    let considered = 0;
    for (const record of group) {
      const timeMs = Date.parse(record.time);
      const prefixTokens = prefixTokensOf(record);
      if (!supportsCaching(model, timeMs) || prefixTokens === 0) continue;
      considered++;
      const actual = costAt(model, record.usage, record);
      if (timeMs - lastUseMs <= options.cacheTtlMs) {
        cacheReads++;
        readSavingsNanoUsd +=
          actual - costAt(model, { ...record.usage, cacheReadTokens: prefixTokens }, record);
      } else {
        cacheWrites++;
        writePremiumNanoUsd +=
          costAt(model, { ...record.usage, cacheWriteTokens: prefixTokens }, record) - actual;
      }
      lastUseMs = timeMs;
    }
    const savingsNanoUsd = readSavingsNanoUsd - writePremiumNanoUsd;
    if (considered < 2 || savingsNanoUsd <= 0) continue;
    const last = group[group.length - 1] as UsageRecord;
    const { charges } = selectScheduledPrice(model.schedule, Date.parse(last.time));
    const lastInput = last.usage.inputTokens;
    const systemTokens = Math.max(...group.map((record) => record.systemTokens ?? 0));
    const feature = commonFeature(group);
    const hint =
      CACHING_HINTS[first.provider] ??
      "Turn on the provider's prompt caching for the system prompt.";
    const writes =
      writePremiumNanoUsd > 0
        ? ` (net of ${formatUsd(writePremiumNanoUsd)} for ${cacheWrites} cache writes)`
        : "";
    insights.push(
      makeInsight<"uncached-prefix">({
        kind: "uncached-prefix",
        title: `Uncached ${systemTokens.toLocaleString("en-US")}-token system prompt on ${subjectLabel(first.provider, first.model, feature)}`,
        detail:
          `${group.length} calls resent the same ${systemTokens.toLocaleString("en-US")}-token system prompt with no cache reads. ` +
          `With prompt caching ${cacheReads} of them would have read it at the cache price: ` +
          `${formatUsd(savingsNanoUsd)} saved${writes}. ${hint}`,
        savingsNanoUsd,
        affectedRequests: group.length,
        provider: first.provider,
        model: first.model,
        feature,
        evidence: {
          systemHash: first.systemHash as string,
          systemTokens,
          requests: group.length,
          cacheReads,
          cacheWrites,
          readSavingsNanoUsd,
          writePremiumNanoUsd,
          inputNanoUsdPerMtok: priceForInput(charges.input, lastInput),
          cacheReadNanoUsdPerMtok: priceForInput(charges.cacheRead, lastInput),
          cacheWriteNanoUsdPerMtok: priceForInput(charges.cacheWrite, lastInput),
        },
      }),
    );
  }
  return insights;
}
