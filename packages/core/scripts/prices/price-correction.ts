/**
 * A known defect in an upstream price value, fixed on purpose and recorded in the generated
 * header. Applied only while the upstream value is exactly `found`; once upstream fixes it the
 * generator reports the correction as stale.
 */
export interface PriceCorrection {
  provider: string;
  model: string;
  /** Upstream price key, e.g. `input_mtok`. */
  key: string;
  /** The upstream value as its shortest decimal text, e.g. `0.18000000000000002`. */
  found: string;
  /** The decimal to use instead, e.g. `0.18`. */
  use: string;
  reason: string;
}

/** OpenRouter lists Gemini cache writes at $1/MTok-hour of storage for 5 minutes: 1/12 $/MTok. */
const openRouterGeminiCacheWrites: readonly PriceCorrection[] = [
  "google/gemini-2.5-flash-image",
  "google/gemini-2.5-flash-lite",
  "google/gemini-3-flash-preview",
  "google/gemini-3.1-flash-lite",
  "google/gemini-3.5-flash",
  "~google/gemini-flash-latest",
].map((model) => ({
  provider: "openrouter",
  model,
  key: "cache_write_mtok",
  found: "0.08333333333333334",
  use: "0.083333333",
  reason: "1/12 $/MTok has no exact nano-USD value; rounded half-up to 9 decimals",
}));

/**
 * Upstream values with more than 9 decimals (float artifacts or repeating fractions), each with
 * the decimal used instead. Anything not listed here that has more than 9 decimals fails the
 * generator.
 */
export const upstreamPriceCorrections: readonly PriceCorrection[] = [
  ...openRouterGeminiCacheWrites,
  {
    provider: "huggingface_together",
    model: "Qwen/Qwen3-VL-8B-Instruct",
    key: "input_mtok",
    found: "0.18000000000000002",
    use: "0.18",
    reason: "float artifact in genai-prices (one ulp above 0.18); the listed price is $0.18/MTok",
  },
];
