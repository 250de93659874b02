import type { PriceKind } from "./price-kind.js";

/**
 * Boolean logic matching a model or provider reference, as in genai-prices v2. String clauses
 * compare case-insensitively; `regex` is compiled once with the `i` flag.
 */
export type MatchRule =
  | { readonly equals: string }
  | { readonly startsWith: string }
  | { readonly endsWith: string }
  | { readonly contains: string }
  | { readonly regex: string }
  | { readonly or: readonly MatchRule[] }
  | { readonly and: readonly MatchRule[] };

/** One step of a context tier: from `start` input tokens (exclusive) on, `price` applies. */
export interface PriceTier {
  /** Threshold on the request's TOTAL input tokens; the tier applies when input > start. */
  readonly start: number;
  /** Integer nano-USD per unit of the kind. */
  readonly price: number;
}

/** A price that changes with the request's total input tokens (whole-request cliff). */
export interface TieredPrice {
  /** Integer nano-USD per unit below every tier. */
  readonly base: number;
  /** Ascending by `start`. */
  readonly tiers: readonly PriceTier[];
}

/** A flat integer nano-USD per unit, or a tiered price. */
export type PriceValue = number | TieredPrice;

/** The prices of one model, by kind. A kind absent here has no price of its own. */
export type PriceSet = { readonly [kind in PriceKind]?: PriceValue };

/**
 * A price with the condition under which it applies. In a list, the LAST entry whose
 * condition holds wins; if none holds, the first entry applies (genai-prices semantics).
 */
export interface ConditionalPrice {
  /** `YYYY-MM-DD`: applies from 00:00 UTC that day on (price history). */
  readonly startDate?: string;
  /** Daily window `HH:MM:SS±HH:MM|Z`, start inclusive, end exclusive (off-peak prices). */
  readonly startTime?: string;
  readonly endTime?: string;
  readonly prices: PriceSet;
}

/** One model of a snapshot provider. */
export interface SnapshotModel {
  readonly id: string;
  readonly match: MatchRule;
  readonly contextWindow?: number;
  readonly maxOutputTokens?: number;
  readonly deprecated?: boolean;
  readonly prices: PriceSet | readonly ConditionalPrice[];
}

/** One provider of a snapshot. Models are in match order: the first that matches wins. */
export interface SnapshotProvider {
  readonly id: string;
  readonly name: string;
  /** Claims bare model ids for this provider (`gpt-…` → openai). */
  readonly modelMatch?: MatchRule;
  /** Recognizes provider names given by callers (`…anthropic…` → anthropic). */
  readonly providerMatch?: MatchRule;
  /** Providers whose prices apply when this one has no entry (Azure → OpenAI). */
  readonly fallbackModelProviders?: readonly string[];
  readonly models: readonly SnapshotModel[];
}

/** A whole price catalog in integer nano-USD, as generated from genai-prices. */
export interface CatalogSnapshot {
  /** Short provenance used as `priceSource`, e.g. `genai-prices@47df840`. */
  readonly source: string;
  /** Upstream commit the data came from, when known. */
  readonly commit?: string;
  /** Upstream date of that commit or release, when known (`YYYY-MM-DD`). */
  readonly date?: string;
  readonly providers: readonly SnapshotProvider[];
}
