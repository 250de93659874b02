import type { PriceMatch } from "./price-match.js";

/** One priced kind of tokens inside a {@link CostBreakdown}. */
export interface CostLine {
  /** What was priced: `input`, `cacheRead`, `cacheWrite`, `cacheWrite1h`, `output`, `reasoning`, `inputAudio`, … */
  kind: string;
  tokens: number;
  /** Price applied, integer nano-USD per 1M tokens. */
  nanoUsdPerMtok: number;
  /** Exact cost of this line in nano-USD before the one rounding of the request (may be fractional). */
  exactNanoUsd: number;
  /** On a `request` line (a per-request fee, always 1) or a `webSearch` line: requests charged. */
  requests?: number;
  /** On a `request` or `webSearch` line: the fee, integer nano-USD per 1,000 requests. */
  nanoUsdPerThousandRequests?: number;
}

/** The exact cost of one call (contract). */
export interface CostBreakdown {
  /** Catalog provider id the model resolved to. */
  provider: string;
  /** Catalog model id the model resolved to. */
  model: string;
  /** Integer nano-USD, rounded once (half-up) for the whole request. */
  totalNanoUsd: number;
  /** `totalNanoUsd` in USD, for display only. */
  totalUsd: number;
  lines: CostLine[];
  /** Input-token threshold of the context tier applied, when the model has tiers and one applied. */
  tierStartTokens?: number;
  /** Where the price came from, e.g. `genai-prices@47df840` or `user`. */
  priceSource: string;
  /** Date the applied price took effect, when the model has a price history. */
  priceEffectiveFrom?: string;
  /** Service tier whose prices applied (`standard`, `flex`, `priority`, `batch`), when one was asked for. */
  serviceTier?: string;
  /**
   * The tier asked for when the model has no price for it (an unknown name, or a tier this
   * model is not priced for): the call was charged at the highest-priced tier it knows.
   */
  unpricedServiceTier?: string;
  /** Billed units in the usage the model has no price for (`webSearchRequests`): not in the total. */
  unpricedUnits?: string[];
  /** How the model id matched its price entry (`family`: an approximate price). Set by `calculateCost`. */
  priceMatch?: PriceMatch;
  /** The price entry applied, e.g. `anthropic:claude-sonnet-4-5`. Set by `calculateCost`. */
  priceEntry?: string;
  /** The price data it came from, e.g. `genai-prices@47df840/2026-08-21` or `user`. Set by `calculateCost`. */
  priceSnapshot?: string;
}
