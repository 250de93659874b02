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
}

/** A model resolved in a catalog, with its compiled price schedule. */
export interface ResolvedModel extends ModelInfo {
  readonly schedule: PriceSchedule;
}
