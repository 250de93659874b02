import type { PriceMatch } from "./price-match.js";
import type { PriceSchedule } from "./price-schedule.js";

/** What the ledger needs to know about a model: where it resolved and its limits. */
export interface ModelInfo {
  /** Catalog provider id (`openai`, `anthropic`, `aws`…) or the user price's provider. */
  readonly provider: string;
  /** Catalog model id (`gpt-4o` for `gpt-4o-2024-08-06`) or the user price's model. */
  readonly model: string;
  /** Maximum input tokens, when known. */
  readonly contextWindow?: number;
  /** Output cap, when known (user prices may set it; genai-prices has none). */
  readonly maxOutputTokens?: number;
  /** `genai-prices@47df840` or `user`. */
  readonly priceSource: string;
  /** The provider marks the model deprecated (still priced). */
  readonly deprecated?: boolean;
  /**
   * How the id matched its price entry: `exact`, `snapshot`, `alias`, or `family` (an
   * approximate price: a prefix rule, or another provider's price). See {@link PriceMatch}.
   */
  readonly priceMatch: PriceMatch;
  /** The entry that holds the price: `anthropic:claude-sonnet-4-5`, or the user price's key. */
  readonly priceEntry: string;
  /** The data the price came from: `genai-prices@47df840/2026-08-21`, or `user`. */
  readonly priceSnapshot: string;
  /** Service tier named by a `:batch` / `:flex` / `:priority` suffix of the model id. */
  readonly serviceTier?: ServiceTierSuffix;
}

/** Service tiers a model id may carry as a suffix (`gpt-4o:batch`). */
export type ServiceTierSuffix = "batch" | "flex" | "priority";

/** A model resolved in a catalog, with its compiled price schedule. */
export interface ResolvedModel extends ModelInfo {
  readonly schedule: PriceSchedule;
}
