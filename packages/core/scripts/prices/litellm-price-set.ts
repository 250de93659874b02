import type {
  PriceSet,
  PriceTier,
  PriceValue,
  ServiceTier,
  ServiceTierPrices,
} from "../../src/pricing/catalog-snapshot.js";
import type { PriceKind } from "../../src/pricing/price-kind.js";
import type { LitellmEntry } from "./load-litellm.js";

/** LiteLLM per-token cost fields (USD per token) and the catalog kind each one is. */
const TOKEN_FIELDS: readonly (readonly [string, PriceKind])[] = [
  ["input_cost_per_token", "input"],
  ["output_cost_per_token", "output"],
  ["cache_read_input_token_cost", "cacheRead"],
  ["cache_creation_input_token_cost", "cacheWrite"],
  ["cache_creation_input_token_cost_above_1hr", "cacheWrite1h"],
  ["input_cost_per_audio_token", "inputAudio"],
  ["output_cost_per_audio_token", "outputAudio"],
  ["cache_read_input_audio_token_cost", "cacheAudioRead"],
  ["output_cost_per_reasoning_token", "outputReasoning"],
];

/** LiteLLM's suffix of each service tier's fields. */
const TIER_SUFFIXES: readonly (readonly [ServiceTier, string])[] = [
  ["flex", "_flex"],
  ["priority", "_priority"],
  ["batch", "_batches"],
];

const ABOVE_PATTERN = /_above_(\d+)k_tokens$/;

/** What the catalog takes from one LiteLLM entry, in integer nano-USD. */
export interface LitellmModelData {
  /** Standard prices by kind (token kinds per 1M tokens; `webSearchesKcount` per 1,000). */
  prices: PriceSet;
  serviceTiers: ServiceTierPrices;
  maxOutputTokens?: number;
  contextWindow?: number;
}

/** USD per token → integer nano-USD per 1M tokens (exact for up to 15 decimals of USD/token). */
function perTokenToNanoPerMtok(value: unknown): number | undefined {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return undefined;
  const nano = Math.round(value * 1e15);
  return Number.isSafeInteger(nano) ? nano : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/**
 * A kind's price from `field` + `suffix`, with its long-context steps from
 * `field_above_<N>k_tokens` + `suffix` (LiteLLM: the step applies when input > N × 1000).
 */
function priceValue(entry: LitellmEntry, field: string, suffix: string): PriceValue | undefined {
  const base = perTokenToNanoPerMtok(entry[`${field}${suffix}`]);
  if (base === undefined) return undefined;
  const tiers: PriceTier[] = [];
  for (const key of Object.keys(entry)) {
    if (!key.startsWith(`${field}_above_`) || !key.endsWith(suffix)) continue;
    const stem = suffix === "" ? key : key.slice(0, -suffix.length);
    const match = ABOVE_PATTERN.exec(stem);
    // `cache_creation_input_token_cost_above_1hr` is a kind of its own, not a step.
    if (match === null || stem !== `${field}_above_${match[1]}k_tokens`) continue;
    const price = perTokenToNanoPerMtok(entry[key]);
    if (price !== undefined) tiers.push({ start: Number(match[1]) * 1000, price });
  }
  if (tiers.length === 0) return base;
  tiers.sort((left, right) => left.start - right.start);
  return { base, tiers };
}

function priceSet(entry: LitellmEntry, suffix: string): PriceSet {
  const prices: { [kind in PriceKind]?: PriceValue } = {};
  for (const [field, kind] of TOKEN_FIELDS) {
    const value = priceValue(entry, field, suffix);
    if (value !== undefined) prices[kind] = value;
  }
  return prices;
}

/**
 * Reads prices, service tiers and limits from one LiteLLM entry. Web search: LiteLLM prices
 * it per query by search context size; the medium size is taken (per 1,000 requests).
 */
export function readLitellmEntry(entry: LitellmEntry): LitellmModelData {
  const prices = priceSet(entry, "") as { [kind in PriceKind]?: PriceValue };
  const search = entry.search_context_cost_per_query;
  if (typeof search === "object" && search !== null) {
    const medium = (search as Record<string, unknown>).search_context_size_medium;
    if (typeof medium === "number" && Number.isFinite(medium) && medium > 0) {
      prices.webSearchesKcount = Math.round(medium * 1e12);
    }
  }
  const serviceTiers: { [tier in ServiceTier]?: PriceSet } = {};
  for (const [tier, suffix] of TIER_SUFFIXES) {
    const set = priceSet(entry, suffix);
    if (Object.keys(set).length > 0) serviceTiers[tier] = set;
  }
  const maxOutputTokens = positiveInteger(entry.max_output_tokens);
  const contextWindow = positiveInteger(entry.max_input_tokens);
  return {
    prices,
    serviceTiers,
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
  };
}
