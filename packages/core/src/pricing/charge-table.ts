import type { PriceSet, PriceValue } from "./catalog-snapshot.js";

/**
 * The prices `calculateCost` charges for one model at one time, with every fallback settled up
 * front (a part with no price of its own costs its parent's price), so the per-call path only
 * reads fields. Values are integer nano-USD per 1M tokens (`requestsKcount`: per 1,000 requests).
 */
export interface ChargeTable {
  /** Uncached input; 0 when the model lists no input price (a free model). */
  readonly input: PriceValue;
  /** Cache reads: `cacheRead`, else the input price. */
  readonly cacheRead: PriceValue;
  /** 5-minute cache writes: `cacheWrite5m`, else `cacheWrite`, else the input price. */
  readonly cacheWrite: PriceValue;
  /** 1-hour cache writes: `cacheWrite1h`, else `cacheWrite`, else the input price. */
  readonly cacheWrite1h: PriceValue;
  /** Output; 0 when the model lists no output price (embeddings, free models). */
  readonly output: PriceValue;
  /** Reasoning output, only when priced apart from output. */
  readonly reasoning: PriceValue | undefined;
  /** Audio/image input and audio output, only when priced apart. */
  readonly inputAudio: PriceValue | undefined;
  readonly inputImage: PriceValue | undefined;
  readonly outputAudio: PriceValue | undefined;
  /** A fee per request, per 1,000 requests. */
  readonly requestsKcount: PriceValue | undefined;
  /** Web-search requests, per 1,000 requests. */
  readonly webSearchesKcount: PriceValue | undefined;
}

/** Settles the fallbacks of a catalog {@link PriceSet} into a {@link ChargeTable}. */
export function compileChargeTable(prices: PriceSet): ChargeTable {
  const input = prices.input ?? prices.inputText ?? 0;
  const cacheWrite = prices.cacheWrite ?? input;
  return {
    input,
    cacheRead: prices.cacheRead ?? input,
    cacheWrite: prices.cacheWrite5m ?? cacheWrite,
    cacheWrite1h: prices.cacheWrite1h ?? cacheWrite,
    output: prices.output ?? prices.outputText ?? 0,
    reasoning: prices.outputReasoning,
    inputAudio: prices.inputAudio,
    inputImage: prices.inputImage,
    outputAudio: prices.outputAudio,
    requestsKcount: prices.requestsKcount,
    webSearchesKcount: prices.webSearchesKcount,
  };
}

/**
 * The price of a kind for a request with `inputTokens` total input tokens: a tier applies when
 * `inputTokens > tier.start` (whole-request cliff, genai-prices semantics: at exactly the
 * threshold the base price still applies). Returns the price and the start of the tier applied.
 */
export function priceForInput(value: PriceValue, inputTokens: number): number {
  if (typeof value === "number") return value;
  let price = value.base;
  for (const tier of value.tiers) {
    if (inputTokens > tier.start) price = tier.price;
  }
  return price;
}

/** The start of the highest tier of `value` that applies at `inputTokens`, if any. */
export function tierStartForInput(value: PriceValue, inputTokens: number): number | undefined {
  if (typeof value === "number") return undefined;
  let start: number | undefined;
  for (const tier of value.tiers) {
    if (inputTokens > tier.start) start = tier.start;
  }
  return start;
}
