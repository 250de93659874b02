import type { LedgerContext } from "../ledger/types.js";
import type { Catalog } from "../pricing/create-catalog.js";
import type { TimeBound } from "../store/ledger-query.js";

/** What an insight is about. */
export type InsightKind =
  /** The same prompt sent again to the same model: a response cache would have answered it. */
  | "duplicate-prompts"
  /** A long system prompt resent without provider prompt caching on a model that offers it. */
  | "uncached-prefix"
  /** `maxOutputTokens` far above what the calls actually produce: budget held for nothing. */
  | "oversized-max-output"
  /** An expensive model answering with a few tokens where a much cheaper sibling exists. */
  | "expensive-model-short-output"
  /** Calls that ended in an error or were aborted, and what they cost. */
  | "failed-calls";

/** Evidence of a `duplicate-prompts` insight. */
export interface DuplicatePromptsEvidence {
  /** Distinct prompts sent more than once. */
  repeatedPrompts: number;
  /** Calls beyond the first of each repeated prompt. */
  duplicateRequests: number;
  /** The most costly repeated prompts (by the cost of their repeats), at most 5. */
  topPrompts: { promptHash: string; requests: number; repeatCostNanoUsd: number }[];
}

/** Evidence of an `uncached-prefix` insight. */
export interface UncachedPrefixEvidence {
  systemHash: string;
  /** Tokens of the repeated system part (the largest seen for this hash). */
  systemTokens: number;
  requests: number;
  /** Calls that would have read the prefix from the cache (within the cache TTL of the previous one). */
  cacheReads: number;
  /** Calls that would have (re)written the cache: the first, and any after a gap longer than the TTL. */
  cacheWrites: number;
  /** What the reads would have saved against the input price. */
  readSavingsNanoUsd: number;
  /** What the writes would have cost on top of the input price (0 where writes cost the same). */
  writePremiumNanoUsd: number;
  /** Prices at the time of the last call, nano-USD per 1M tokens. */
  inputNanoUsdPerMtok: number;
  cacheReadNanoUsdPerMtok: number;
  cacheWriteNanoUsdPerMtok: number;
}

/** Evidence of an `oversized-max-output` insight. */
export interface OversizedMaxOutputEvidence {
  sampleSize: number;
  /** 95th percentile of the output tokens actually produced (nearest rank). */
  p95OutputTokens: number;
  /** Median of the output tokens held per call (the call's `maxOutputTokens` or the model cap). */
  medianReservedOutputTokens: number;
  /** A cap with headroom: `ceil(p95 × 1.5)`, at least 16. */
  suggestedMaxOutputTokens: number;
}

/** Evidence of an `expensive-model-short-output` insight. */
export interface ExpensiveModelEvidence {
  medianOutputTokens: number;
  cheaperProvider: string;
  cheaperModel: string;
  /** What these calls cost. */
  actualCostNanoUsd: number;
  /** What the same usage would have cost on the cheaper model. */
  cheaperCostNanoUsd: number;
  /** `actualCostNanoUsd / cheaperCostNanoUsd`. */
  priceRatio: number;
}

/** Evidence of a `failed-calls` insight. */
export interface FailedCallsEvidence {
  errorRequests: number;
  errorCostNanoUsd: number;
  abortedRequests: number;
  abortedCostNanoUsd: number;
  /** Failed calls whose prompt (same hash) was sent again and then succeeded: retries. */
  retriedRequests: number;
}

/** Evidence by insight kind. */
export interface InsightEvidenceByKind {
  "duplicate-prompts": DuplicatePromptsEvidence;
  "uncached-prefix": UncachedPrefixEvidence;
  "oversized-max-output": OversizedMaxOutputEvidence;
  "expensive-model-short-output": ExpensiveModelEvidence;
  "failed-calls": FailedCallsEvidence;
}

/** One finding about the workload, with the money it is worth. */
export interface InsightOf<K extends InsightKind> {
  kind: K;
  /** One line, e.g. `12 duplicate prompts on openai:gpt-4o`. */
  title: string;
  /** What was seen, what it cost and what to do, in a sentence or two. */
  detail: string;
  /**
   * Dollars the fix would have saved on the bill over the records examined, integer nano-USD.
   * Savings of different insights may overlap (a duplicate call may also resend an uncached
   * prefix): do not add them up. 0 for `oversized-max-output` (see `heldNanoUsd`).
   */
  savingsNanoUsd: number;
  /** `savingsNanoUsd` in USD, for display. */
  savingsUsd: number;
  /**
   * Budget held but never used, summed over the calls (worst case reserved minus actual),
   * integer nano-USD. Not money spent: it is budget other calls could not use while these
   * were in flight. Set by `oversized-max-output`; 0 for the other kinds.
   */
  heldNanoUsd: number;
  /** Calls the insight is about (e.g. the repeats, not the first call of each prompt). */
  affectedRequests: number;
  /** Catalog provider and model of the calls. */
  provider: string;
  model: string;
  /** The `feature` context value shared by the affected calls, or `null` when they differ or have none. */
  feature: string | null;
  evidence: InsightEvidenceByKind[K];
}

/** One finding about the workload (a union discriminated by `kind`). */
export type Insight = { [K in InsightKind]: InsightOf<K> }[InsightKind];

/** Thresholds of the insight rules. Every field is optional. */
export interface InsightOptions {
  /** Minimum calls in a group before percentile/median rules judge it. @default 5 */
  minSampleSize?: number;
  /** `uncached-prefix`: minimum system-part tokens (providers cache prefixes of 1,024+ tokens). @default 1024 */
  prefixMinTokens?: number;
  /** `uncached-prefix`: how long a provider keeps a cached prefix after its last use. @default 300000 (5 min) */
  cacheTtlMs?: number;
  /** `oversized-max-output`: flag when the median hold is at least this many times the p95 output. @default 4 */
  overholdRatio?: number;
  /** `oversized-max-output`: …and at least this many tokens above it. @default 256 */
  overholdMinTokens?: number;
  /** `expensive-model-short-output`: median output below this many tokens. @default 50 */
  shortOutputTokens?: number;
  /** `expensive-model-short-output`: the model must cost at least this many times the cheaper one. @default 5 */
  priceRatio?: number;
  /**
   * `expensive-model-short-output`: cheaper models to compare with, keyed `provider:model`
   * (catalog ids), tried in order; merged over the built-in list (same-family `-mini`, `-nano`,
   * `-lite`, `flash`, `haiku` siblings).
   */
  cheaperModels?: Readonly<Record<string, readonly string[]>>;
}

/** Input of {@link findInsights}. */
export interface FindInsightsOptions extends InsightOptions {
  /** Catalog used to reprice counterfactuals (the ledger passes its own, with your prices). */
  catalog?: Catalog;
}

/** Filter of `ledger.insights(query)`: which records to examine. */
export interface InsightQuery {
  /** Inclusive start (ISO string, Date or epoch ms). */
  from?: TimeBound;
  /** Exclusive end. */
  to?: TimeBound;
  context?: LedgerContext;
  model?: string;
  provider?: string;
  /** At most this many newest records are examined. @default 100000 */
  limit?: number;
}
