import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import type { TokenizerFamily } from "./tokenizer-family.js";

/**
 * Starting factors: provider tokens per `o200k_base` token on the same text. These are ROUGH
 * starting points, not measurements of ours; the ledger learns the real ratio from each
 * settled call. Anthropic publishes no tokenizer; public comparisons put Claude at about
 * 1.15–1.35× OpenAI's counts on English (hence 1.2). Gemini's 256k SentencePiece vocabulary
 * is close to o200k (1.05). Mistral's Tekken, Llama 3's 128k and the others are set a little
 * above 1 so a first hold errs high. `openai` is exact and never corrected.
 */
export const DEFAULT_CORRECTION_FACTORS: Readonly<Record<TokenizerFamily, number>> = {
  openai: 1,
  anthropic: 1.2,
  google: 1.05,
  mistral: 1.1,
  meta: 1.05,
  deepseek: 1.05,
  xai: 1.05,
  cohere: 1.1,
  qwen: 1.05,
  unknown: 1.1,
};

/** Families counted exactly by their own encoding: their factor is always 1. */
const exactFamilies: ReadonlySet<string> = new Set<TokenizerFamily>(["openai"]);

/** Options of {@link createCorrectionFactors}. */
export interface CorrectionFactorsOptions {
  /** Starting factors, merged over {@link DEFAULT_CORRECTION_FACTORS}. */
  initial?: Partial<Record<TokenizerFamily, number>>;
  /** Weight of a new observation once warmed up, 0 < alpha ≤ 1. Default 0.2. */
  alpha?: number;
  /** Lowest factor (and lowest observed ratio used). Default 0.5. */
  minFactor?: number;
  /** Highest factor (and highest observed ratio used). Default 3. */
  maxFactor?: number;
  /** Observations whose estimate is below this are ignored: overhead dominates them. Default 16. */
  minEstimatedTokens?: number;
}

/** What an estimate tells the learner: see `TokenEstimate` from `estimateTokens`. */
export interface ObservableEstimate {
  family: TokenizerFamily;
  /** Uncorrected tokenizer count (text, message overhead, tools). */
  textTokens: number;
  /** Tokens from provider rules (images, files, fixed prompts), which are never corrected. */
  fixedTokens: number;
}

/** Per-family correction factors learned from estimate-vs-actual (bounded, clamped EWMA). */
export interface CorrectionFactors {
  /** The current factor of a family (1 for exactly counted families). */
  factor(family: TokenizerFamily): number;
  /**
   * Learns from one settled call: `estimatedTokens` is the UNCORRECTED count, `actualTokens`
   * what the provider billed for the same text. Returns the family's new factor.
   */
  observe(family: TokenizerFamily, estimatedTokens: number, actualTokens: number): number;
  /** {@link observe} from an estimate and the call's billed input tokens (fixed tokens taken out). */
  observeEstimate(estimate: ObservableEstimate, actualInputTokens: number): number;
  /** Current factors and how many observations shaped each. */
  snapshot(): Record<TokenizerFamily, { factor: number; observations: number }>;
}

function checkCount(field: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new InvalidUsageError({
      field,
      value,
      message: `${field} must be a finite number ≥ 0, got ${String(value)}. Pass token counts from the estimate and from the provider's usage.`,
    });
  }
}

function checkOptions(alpha: number, minFactor: number, maxFactor: number): void {
  if (!(alpha > 0 && alpha <= 1)) {
    throw new InvalidConfigError({ message: `alpha must be in (0, 1], got ${alpha}.` });
  }
  if (!(minFactor > 0 && maxFactor >= minFactor && Number.isFinite(maxFactor))) {
    throw new InvalidConfigError({
      message: `Correction factor bounds must satisfy 0 < minFactor ≤ maxFactor < ∞, got [${minFactor}, ${maxFactor}].`,
    });
  }
}

/**
 * Creates the per-family correction factors the ledger feeds after every settled call.
 *
 * Learning rule: the observed ratio `actual / estimated` is clamped to
 * `[minFactor, maxFactor]` and averaged in with weight `max(alpha, 1 / (n + 2))`, where `n`
 * is the number of observations so far: the starting factor counts as one observation, the
 * first calls move the factor quickly, later ones by at most `alpha`. The result is clamped.
 *
 * @example
 * const factors = createCorrectionFactors();
 * const estimate = await estimateTokens(messages, { model: "claude-sonnet-4-5", correctionFactors: factors });
 * // … after the call settles:
 * factors.observeEstimate(estimate, usage.inputTokens);
 */
export function createCorrectionFactors(options: CorrectionFactorsOptions = {}): CorrectionFactors {
  const alpha = options.alpha ?? 0.2;
  const minFactor = options.minFactor ?? 0.5;
  const maxFactor = options.maxFactor ?? 3;
  const minEstimatedTokens = options.minEstimatedTokens ?? 16;
  checkOptions(alpha, minFactor, maxFactor);
  const clamp = (value: number): number => Math.min(maxFactor, Math.max(minFactor, value));

  const state = new Map<TokenizerFamily, { factor: number; observations: number }>();
  for (const [family, value] of Object.entries(DEFAULT_CORRECTION_FACTORS)) {
    state.set(family as TokenizerFamily, { factor: value, observations: 0 });
  }
  for (const [family, value] of Object.entries(options.initial ?? {})) {
    if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
      throw new InvalidConfigError({
        message: `Initial correction factor for "${family}" must be a finite number > 0, got ${String(value)}.`,
      });
    }
    if (!exactFamilies.has(family)) {
      state.set(family as TokenizerFamily, { factor: clamp(value), observations: 0 });
    }
  }
  const entry = (family: TokenizerFamily): { factor: number; observations: number } => {
    let current = state.get(family);
    if (current === undefined) {
      current = { factor: DEFAULT_CORRECTION_FACTORS.unknown, observations: 0 };
      state.set(family, current);
    }
    return current;
  };

  const observe = (
    family: TokenizerFamily,
    estimatedTokens: number,
    actualTokens: number,
  ): number => {
    checkCount("estimatedTokens", estimatedTokens);
    checkCount("actualTokens", actualTokens);
    if (exactFamilies.has(family)) return 1;
    const current = entry(family);
    if (estimatedTokens < minEstimatedTokens) return current.factor;
    const ratio = clamp(actualTokens / estimatedTokens);
    const weight = Math.max(alpha, 1 / (current.observations + 2));
    current.factor = clamp(current.factor + weight * (ratio - current.factor));
    current.observations += 1;
    return current.factor;
  };

  return {
    factor: (family) => (exactFamilies.has(family) ? 1 : entry(family).factor),
    observe,
    observeEstimate: (estimate, actualInputTokens) => {
      checkCount("actualInputTokens", actualInputTokens);
      return observe(
        estimate.family,
        estimate.textTokens,
        Math.max(0, actualInputTokens - estimate.fixedTokens),
      );
    },
    snapshot: () => {
      const result = {} as Record<TokenizerFamily, { factor: number; observations: number }>;
      for (const [family, value] of state) result[family] = { ...value };
      return result;
    },
  };
}
