import type { PriceSet, PriceValue } from "../../src/pricing/catalog-snapshot.js";
import type { PriceKind } from "../../src/pricing/price-kind.js";

/** A provider's published batch discount, applied where neither source lists batch prices. */
export interface BatchRule {
  readonly provider: string;
  /** Kinds the provider halves in its batch API. */
  readonly kinds: readonly PriceKind[];
  /** The provider's words and page, for the conflict report. */
  readonly source: string;
}

/**
 * Batch = 50 % of the standard price, as each provider publishes it (read 2026-12-08):
 * - OpenAI (platform.openai.com/docs/guides/batch, pricing page "Batch" column): 50 % off
 *   inputs, cached inputs and outputs.
 * - Anthropic (docs.anthropic.com/en/docs/about-claude/pricing, "Batch processing"): 50 % off
 *   input and output; prompt-caching multipliers apply on top, so cache reads and writes halve too.
 * - Google (ai.google.dev/gemini-api/docs/batch-mode): 50 % of the standard input and output
 *   price; context caching is billed as in the standard API.
 */
export const BATCH_RULES: readonly BatchRule[] = [
  {
    provider: "openai",
    kinds: ["input", "cacheRead", "output"],
    source: "OpenAI Batch API: 50 % off input, cached input and output",
  },
  {
    provider: "anthropic",
    kinds: ["input", "cacheRead", "cacheWrite", "cacheWrite1h", "output"],
    source: "Anthropic Message Batches: 50 % off; caching multipliers stack on the batch price",
  },
  {
    provider: "google",
    kinds: ["input", "output"],
    source: "Gemini Batch Mode: 50 % of the standard input and output price",
  },
];

export function batchRuleFor(provider: string): BatchRule | undefined {
  return BATCH_RULES.find((rule) => rule.provider === provider);
}

/** Half of a price, rounded half-up to an integer nano-USD (long-context steps halved too). */
function halve(value: PriceValue): PriceValue {
  const half = (nano: number): number => Math.floor((nano + 1) / 2);
  if (typeof value === "number") return half(value);
  return {
    base: half(value.base),
    tiers: value.tiers.map((tier) => ({ start: tier.start, price: half(tier.price) })),
  };
}

/** The batch prices of `kinds` (only those the standard set lists). */
export function halvePrices(standard: PriceSet, kinds: readonly PriceKind[]): PriceSet {
  const batch: { [kind in PriceKind]?: PriceValue } = {};
  for (const kind of kinds) {
    const value = standard[kind];
    if (value !== undefined) batch[kind] = halve(value);
  }
  return batch;
}
