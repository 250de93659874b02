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

/**
 * Service tiers a catalog entry can price apart (OpenAI `service_tier` flex / priority, the
 * batch APIs of OpenAI, Anthropic and Google). `standard` is the entry's own `prices`.
 */
export const SERVICE_TIERS = ["flex", "priority", "batch"] as const;

/** A service tier priced apart from the standard price (see {@link SERVICE_TIERS}). */
export type ServiceTier = (typeof SERVICE_TIERS)[number];

/**
 * Prices of one service tier: each kind listed here replaces the standard price of that kind
 * (at any time of the standard price history); kinds not listed cost their standard price.
 */
export type ServiceTierPrices = { readonly [tier in ServiceTier]?: PriceSet };

/** One model of a snapshot provider. */
export interface SnapshotModel {
  readonly id: string;
  readonly match: MatchRule;
  /** Maximum input tokens (context window), when a source publishes it. */
  readonly contextWindow?: number;
  /** Maximum output tokens of one call, when a source publishes it. */
  readonly maxOutputTokens?: number;
  readonly deprecated?: boolean;
  readonly prices: PriceSet | readonly ConditionalPrice[];
  /** Prices of service tiers (flex, priority, batch) where a source publishes them. */
  readonly serviceTiers?: ServiceTierPrices;
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

/** One source a snapshot was generated from, with its version and date (for `prices status`). */
export interface SnapshotSource {
  /** `genai-prices`, `litellm`. */
  readonly name: string;
  /** What the generator read: an npm package at a version, a repository file, a URL. */
  readonly readFrom: string;
  /** npm version, when read from a package. */
  readonly version?: string;
  /** Upstream commit, when known. */
  readonly commit?: string;
  /** Date of the data (`YYYY-MM-DD`): release or commit date. */
  readonly date?: string;
  /** What the catalog took from this source. */
  readonly used: string;
}

/** A whole price catalog in integer nano-USD, as generated from genai-prices. */
export interface CatalogSnapshot {
  /** Short provenance used as `priceSource`, e.g. `genai-prices@47df840`. */
  readonly source: string;
  /** Upstream commit the data came from, when known. */
  readonly commit?: string;
  /** Upstream date of that commit or release, when known (`YYYY-MM-DD`). */
  readonly date?: string;
  /** Every source the generator read, primary first (absent in hand-built snapshots). */
  readonly sources?: readonly SnapshotSource[];
  readonly providers: readonly SnapshotProvider[];
}
