import type { CompiledBudgets } from "../budget/bucket-plan.js";
import type { ResolvedModel } from "../pricing/resolved-model.js";
import type { CostBreakdown } from "../pricing/types.js";
import type { BudgetStore } from "../store/store.js";
import type { Usage } from "../usage/usage.js";
import type { ContextScope } from "./context-scope.js";
import type { LedgerEmitter } from "./event-emitter.js";
import type { MissingScopePolicy, UnknownModelPolicy } from "./ledger-options.js";
import type { StoreGuard } from "./store-guard.js";
import type { EstimateRequest } from "./types.js";

/** A model the catalog knows, with its compiled prices. */
export type PricedModel = ResolvedModel;

/** An input-token estimate plus what the correction learner needs after the call. */
export interface InputEstimate {
  inputTokens: number;
  /** Fed back with the billed input tokens, to tighten the next estimates. */
  learn?: (actualInputTokens: number) => void;
}

/** What the parts of one ledger share. Built once by `createLedger`. */
export interface LedgerRuntime {
  store: BudgetStore;
  guard: StoreGuard;
  budgets: CompiledBudgets;
  emitter: LedgerEmitter;
  scope: ContextScope;
  unknownModel: UnknownModelPolicy;
  missingScope: MissingScopePolicy;
  failMode: "closed" | "open";
  holdTtlMs: number;
  defaultMaxOutputTokens: number;
  /** Beyond both, a provider-reported cost fires `cost-mismatch`. */
  costMismatchTolerance: { relative: number; absoluteNanoUsd: number };
  now: () => number;
  /** The catalog entry for a model as a framework names it, or `undefined` when unpriced. */
  resolveModel(model: string, provider: string | undefined): PricedModel | undefined;
  /** The catalog's provider id for a framework's provider name (for unpriced records). */
  normalizeProvider(provider: string | undefined, model: string): string;
  /** Exact cost of `usage` for a resolved model at `atMs`, on a service tier when given. */
  price(model: PricedModel, usage: Usage, atMs: number, serviceTier?: string): CostBreakdown;
  /** Tokens of the prompt/messages/tools of a request. */
  estimateInput(request: EstimateRequest): Promise<InputEstimate>;
  /**
   * Loads the request's tokenizer (a promise only while it loads) and returns a synchronous
   * {@link LedgerRuntime.estimateInput}: for calls whose prompt is counted only if read.
   */
  inputCounter(request: EstimateRequest): (() => InputEstimate) | Promise<() => InputEstimate>;
  /** Tokens of a prompt text (cached count), e.g. a system part; a promise only while the tokenizer loads. */
  countPromptText(
    text: string,
    model: string,
    provider: string | undefined,
  ): number | Promise<number>;
  /** Tokens of a plain text (streamed output) for a model. */
  countText(text: string, model: string, provider: string | undefined): Promise<number>;
  /** Threshold claims this process already won, with when they expire (`null`: never), so each is asked of the store once per window. */
  claimedThresholds: Map<string, number | null>;
}
