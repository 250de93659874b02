import type { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import type { PriceRefreshError, PriceRefreshFailure } from "../errors/price-refresh-error.js";
import type { BudgetProjection } from "../insights/project-budgets.js";
import type { Insight, InsightOptions, InsightQuery } from "../insights/types.js";
import type { PriceMatch } from "../pricing/price-match.js";
import type { CostBreakdown } from "../pricing/types.js";
import type { AggregateRow } from "../store/ledger-query.js";
import type { Usage } from "../usage/usage.js";
import type { UsagePartInput } from "../usage/usage-part.js";

/**
 * Who and what a call is for. Budget rules scope on these keys (`userId`, `teamId`, `feature`,
 * or any key you add). Values are strings; `tags` is a list.
 */
export interface LedgerContext {
  userId?: string;
  teamId?: string;
  feature?: string;
  tags?: readonly string[];
  [key: string]: string | readonly string[] | undefined;
}

/** What kind of model call a record is. Embedding tokens are counted apart in totals. */
export type CallKind = "chat" | "embedding";

/** How a call ended. */
export type CallStatus = "ok" | "aborted" | "error";

/** Input to {@link Ledger.estimate}. `provider` may be a framework name (`openai.responses`). */
export interface EstimateRequest {
  /** Model id as the framework names it: `gpt-4o`, `openai/gpt-4o`, `openai:gpt-4o`. */
  model: string;
  /** Provider as the framework names it (`openai.responses`, `anthropic.messages`, `gateway`, an `ls_provider`). */
  provider?: string;
  /** A plain-text prompt. */
  prompt?: string;
  /** Chat messages: AI SDK prompt, LangChain messages or OpenAI-style `{ role, content }`. */
  messages?: readonly unknown[];
  /** Tool definitions sent with the call (counted by the provider's rules). */
  tools?: readonly unknown[];
  /** Worst-case output. Defaults to the model's output cap, then the ledger's default. */
  maxOutputTokens?: number;
  kind?: CallKind;
  /**
   * Service tier the call is sent on (`flex`, `priority`, `batch`; `default`/`auto`/`scale`
   * mean standard): the hold is priced by it, and so is settlement unless `SettleMeta.serviceTier`
   * says which tier the provider answered with. A tier the model has no price for is held at its
   * highest-priced known tier.
   */
  serviceTier?: string;
}

/** A pre-call estimate: exact-tokenizer input count and worst-case output. */
export interface Estimate {
  inputTokens: number;
  /** Worst-case output tokens (the hold). */
  outputTokens: number;
  /** Worst-case cost in integer nano-USD; `null` when the model has no price. */
  costNanoUsd: number | null;
  /** Catalog provider id the model resolved to (or the normalized given provider when unpriced). */
  provider: string;
  /** Catalog model id the model resolved to (or the given id when unpriced). */
  model: string;
  priced: boolean;
}

/** Input to {@link Ledger.reserve}: an estimate request, or an explicit estimate held as given. */
export interface ReserveRequest extends Omit<EstimateRequest, "model"> {
  model: string;
  /** Merged over the context from {@link Ledger.withContext}; per-call keys win. */
  context?: LedgerContext;
  /** Held exactly as given instead of estimating from the prompt. */
  estimate?: { inputTokens: number; outputTokens: number };
  /**
   * Cheaper models to route to, in order, when the requested model's hold does not fit a
   * budget. The returned reservation's `model`/`provider` say which one was admitted and
   * `fallbackFrom` names the requested one.
   */
  fallbackModels?: readonly { model: string; provider?: string }[];
  /**
   * When the full worst case does not fit a USD or token budget, admit the call with the largest
   * output cap that does (at least `minOutputTokens`, default 256) instead of refusing it. The
   * reservation's `estimate.outputTokens` is the cap to send the provider (the AI SDK middleware
   * does); `cappedFrom` and an `output-capped` event say it was cut. @default false
   */
  shrinkToFit?: boolean | { minOutputTokens: number };
  /**
   * Stable hash of the whole prompt and of its leading system part (for insights). Computed
   * from `prompt`/`messages` when not given; never the prompt text.
   */
  promptHash?: string;
  systemHash?: string;
  /** Tokens of the leading system part; counted from `messages` when not given. */
  systemTokens?: number;
}

/** Extra facts known when a call ends. */
export interface SettleMeta {
  /** The model id the provider says answered (a dated snapshot); priced if known. */
  responseModel?: string;
  status?: CallStatus;
  /** Usage was estimated (e.g. from streamed deltas), not reported by the provider. */
  estimated?: boolean;
  latencyMs?: number;
  /** A cost the provider/gateway reported itself, kept beside ours (USD, as reported). */
  providerReportedCostUsd?: number;
  /**
   * Service tier the provider says it ran the call on (OpenAI's response `service_tier`);
   * wins over the reserve request's `serviceTier` for pricing.
   */
  serviceTier?: string;
  /** Free-form facts to keep on the record (finish reason, gateway generation id, …). */
  metadata?: Record<string, unknown>;
  /**
   * The call's billed steps when they span several models or steps (Anthropic
   * `usage.iterations`): each is priced at its own model's price, and the record's `usage`
   * and cost become their exact sum (the `usage` argument of `settle` is then only checked).
   */
  parts?: readonly UsagePartInput[];
}

/** One priced step of a multi-part call (contract: `model`, `provider`, `usage`, `cost`, `costNanoUsd`). */
export interface UsageRecordPart {
  /** The model id this step was priced for (its catalog id when priced). */
  model: string;
  provider: string;
  /** The step as the provider names it (`message`, `advisor_message`, `compaction`, …). */
  step?: string;
  usage: Usage;
  /** This step's cost breakdown, or `null` when its model has no price. */
  cost: CostBreakdown | null;
  /** Integer nano-USD (0 when unpriced). */
  costNanoUsd: number;
}

/** One priced model call in the ledger (contract: `usage`, `cost`, `context`, `estimated`, `status`). */
export interface UsageRecord {
  id: string;
  /** ISO-8601 time the call ended. */
  time: string;
  kind: CallKind;
  /** Catalog provider id (normalized). */
  provider: string;
  /** Model id the caller asked for. */
  requestedModel: string;
  /** Model id the provider answered with, when known. */
  responseModel?: string;
  /** The model id the cost was computed for. */
  model: string;
  usage: Usage;
  /** Exact cost breakdown, or `null` when the model has no price. */
  cost: CostBreakdown | null;
  /** Integer nano-USD (0 when unpriced; check `priced`). */
  costNanoUsd: number;
  priced: boolean;
  estimated: boolean;
  status: CallStatus;
  context: LedgerContext;
  latencyMs?: number;
  /** Where the price came from (`genai-prices@<commit>`, `user`). */
  priceSource?: string;
  /**
   * How the model id matched its price entry (contract): `exact`, `snapshot`, `alias`, or
   * `family` (an approximate price; an `approximate-price` event fired). Absent when unpriced.
   */
  priceMatch?: PriceMatch;
  /** The price entry that priced the call: `anthropic:claude-sonnet-4-5`, or the user price's key. */
  priceEntry?: string;
  /** The price data it came from: `genai-prices@47df840/2026-08-21`, a remote fetch, or `user`. */
  priceSnapshot?: string;
  /** Hash of the whole prompt (16 hex digits); equal prompts hash equal. Never the prompt text. */
  promptHash?: string;
  /** Hash of the prompt's leading system/developer messages. */
  systemHash?: string;
  /** Tokens of the leading system part (the static prefix a provider cache could serve). */
  systemTokens?: number;
  /** The model the caller asked for when a fallback was used. */
  fallbackFrom?: string;
  /** The output cap asked for, when `shrinkToFit` admitted the call with a smaller one. */
  outputCappedFrom?: number;
  /** The pre-call hold, for estimate-vs-actual analysis. */
  reservedInputTokens?: number;
  reservedOutputTokens?: number;
  providerReportedCostUsd?: number;
  /**
   * What the provider or gateway said it billed (OpenRouter `usage.cost`, the AI Gateway's cost,
   * LiteLLM's `x-litellm-response-cost`), integer nano-USD, beside the computed `costNanoUsd`.
   */
  reportedCostNanoUsd?: number;
  metadata?: Record<string, unknown>;
  /**
   * A call billed across several models or steps: each part priced at its own model's price.
   * `usage` and `costNanoUsd` are their exact sums; `priced` is false if any part is unpriced.
   */
  parts?: UsageRecordPart[];
}

/** A hold taken before a call. Settle with the actual usage, or release it. Both are idempotent. */
export interface Reservation {
  readonly id: string;
  /** Model admitted (may be a fallback). */
  readonly model: string;
  readonly provider: string;
  readonly fallbackFrom: string | undefined;
  readonly context: LedgerContext;
  readonly estimate: Estimate;
  /** Set when `shrinkToFit` admitted the call with a smaller output cap: the worst case asked for. */
  readonly cappedFrom?: number | undefined;
  /**
   * True when a USD or token budget holds this call (block or warn mode): its output must stay
   * within `estimate.outputTokens` for the hold to cover it, so the adapters tell the provider
   * that cap when the call set none. False when no budget, or only request-count budgets, apply.
   */
  readonly holdsOutput: boolean;
  /** Replace the hold with the exact cost of `usage`; appends a {@link UsageRecord}. */
  settle(usage: Usage, meta?: SettleMeta): Promise<UsageRecord>;
  /**
   * Settle a call whose usage never arrived (aborted or cut stream) from what was seen:
   * input from the reservation's estimate, output counted from `outputText`. Marked estimated.
   */
  settleFromText(outputText: string, meta?: SettleMeta): Promise<UsageRecord>;
  /** Free the hold without recording spend (the call failed before any tokens were billed). */
  release(reason?: string): Promise<void>;
}

/** Input to {@link Ledger.record}: a call that already happened. */
export interface RecordRequest {
  model: string;
  provider?: string;
  usage: Usage;
  context?: LedgerContext;
  kind?: CallKind;
  meta?: SettleMeta;
  /** The call's prompt, only hashed (for insights); never stored. */
  prompt?: string;
  messages?: readonly unknown[];
  /** Hashes and system-part size, when you computed them yourself (they win over `prompt`/`messages`). */
  promptHash?: string;
  systemHash?: string;
  systemTokens?: number;
}

/** Totals in the shape of LangChain's `get_openai_callback`, plus exact nano-USD. */
export interface Totals {
  totalTokens: number;
  promptTokens: number;
  completionTokens: number;
  cachedPromptTokens: number;
  reasoningTokens: number;
  embeddingTokens: number;
  successfulRequests: number;
  failedRequests: number;
  unpricedRequests: number;
  totalCostNanoUsd: number;
  /** For display; `totalCostNanoUsd` is exact. */
  totalCostUsd: number;
}

/** Events a ledger emits. */
export interface LedgerEvents {
  usage: { record: UsageRecord };
  threshold: {
    ruleId: string;
    scope: string;
    scopeValue: string;
    limitKind: "usd" | "tokens" | "requests";
    /** The crossed fraction, e.g. 0.8. */
    threshold: number;
    /** Exact, in the limit's unit (integer nano-USD for `usd`). */
    limit: number;
    spent: number;
    /** For `usd` limits, in dollars (display). */
    limitUsd?: number;
    spentUsd?: number;
    windowKey: string;
  };
  denied: { error: BudgetExceededError; model: string; provider: string; context: LedgerContext };
  "unpriced-model": { model: string; provider: string; context: LedgerContext };
  /**
   * A call was priced by a `family` match: the data has no entry for the id itself, so the
   * price is another model's (`priceEntry`). Under a USD budget `unknownModel` decides first.
   */
  "approximate-price": {
    model: string;
    provider: string;
    priceEntry: string;
    context: LedgerContext;
  };
  /**
   * The cost the provider or gateway reported differs from the computed one by more than
   * `costMismatchTolerance` (a stale price, an unbilled part, a gateway fee).
   */
  "cost-mismatch": {
    recordId: string;
    model: string;
    provider: string;
    costNanoUsd: number;
    reportedCostNanoUsd: number;
    /** reported − computed. */
    differenceNanoUsd: number;
    context: LedgerContext;
  };
  /**
   * `shrinkToFit` admitted a call with fewer output tokens than its worst case, because only
   * that many fit the budget left. Send the provider `outputTokens` as the call's cap.
   */
  "output-capped": {
    model: string;
    provider: string;
    requestedOutputTokens: number;
    outputTokens: number;
    context: LedgerContext;
  };
  /** A `remoteCatalog` refresh was rejected (see `reason`); the last good prices stay in use. */
  "price-refresh-failed": { reason: PriceRefreshFailure; url: string; error: PriceRefreshError };
  /**
   * A call without `maxOutputTokens` on a model whose output limit the catalog does not know:
   * the hold assumed `outputTokens` (the ledger's `defaultMaxOutputTokens`) and the call may
   * spend past it. Once per model per ledger. Fix: pass `maxOutputTokens`, or give the model a
   * `maxOutputTokens` in `prices`.
   */
  "uncapped-output": {
    model: string;
    provider: string;
    outputTokens: number;
    context: LedgerContext;
  };
  /**
   * A budget applies to the call's model but scopes on a context key the call lacks, so it does
   * not hold the call (`missingScope: "warn"`, the default). Fix: pass the key in `context`.
   */
  "unscoped-call": {
    ruleId: string;
    scope: string;
    model: string;
    provider: string;
    context: LedgerContext;
  };
  /** A store call failed. `buffered`: the write waits to be replayed (it is not lost). */
  "store-error": { operation: string; error: unknown; buffered: boolean };
  /**
   * A write was given up: what was lost (`operation` on reservation or record `subject`) and why.
   * `refused`: the store cannot hold it (`StoreInputError`, in `error`); `buffer-full`: the store
   * was down longer than `maxBufferedWrites` writes; `close-timeout`: `close()` ran out of time;
   * `after-close`: written after `close()`.
   */
  dropped: { operation: string; subject: string; reason: DroppedReason; error?: unknown };
  /**
   * Once per ledger: `withContext` or `track` ran where the runtime has no AsyncLocalStorage,
   * so the calls inside carry only their explicit `context` (the message names the fixes).
   */
  "context-unavailable": { usedBy: "withContext" | "track"; message: string };
}

/** Why a write was given up (see the `dropped` event). */
export type DroppedReason = "refused" | "buffer-full" | "close-timeout" | "after-close";

/** What `close()` could not write before its deadline (each also reported by a `dropped` event). */
export interface CloseReport {
  unwritten: { operation: string; subject: string }[];
}

export type LedgerEventName = keyof LedgerEvents;

/** Filter for {@link Ledger.report} and {@link Ledger.records}. */
export interface ReportQuery {
  /** Inclusive start (ISO string, Date or epoch ms). */
  from?: string | Date | number;
  /** Exclusive end (ISO string, Date or epoch ms). */
  to?: string | Date | number;
  /** Group by any of `model`, `provider`, `day`, `status`, `kind` or a context key (`userId`, `feature`, …). */
  groupBy?: readonly string[];
  /** Only records whose context has these values. */
  context?: LedgerContext;
  model?: string;
  provider?: string;
}

/** One budget bucket as {@link Ledger.status} reports it. Amounts in the rule's limit unit. */
export interface BudgetStatus {
  ruleId: string;
  scope: string;
  scopeValue: string;
  window: string;
  limitKind: "usd" | "tokens" | "requests";
  /** Exact, in the limit's unit: integer nano-USD for `usd`, else tokens or requests. */
  limit: number;
  spent: number;
  held: number;
  remaining: number;
  /** For `usd` rows, the same amounts in dollars (display; the integers above are exact). */
  limitUsd?: number;
  spentUsd?: number;
  heldUsd?: number;
  remainingUsd?: number;
  /** First instant of the window (`now - rollingMs` for rolling windows); `null` for `total`. */
  windowStart?: Date | null;
  resetsAt: Date | null;
  mode: "block" | "warn";
}

/** The ledger (contract). Create with `createLedger(options)`. */
export interface Ledger {
  /** Tokens of the prompt and worst-case cost, before the call. */
  estimate(request: EstimateRequest): Promise<Estimate>;
  /** Hold the worst case in every matching budget, atomically. Throws `BudgetExceededError`, `UnknownModelError` (USD budget in force), `StoreUnavailableError` (closed mode). */
  reserve(request: ReserveRequest): Promise<Reservation>;
  /** Record a call that already happened (no hold). */
  record(request: RecordRequest): Promise<UsageRecord>;
  /** Run `fn` with `context` merged over the current one (AsyncLocalStorage): every call inside carries it. */
  withContext<T>(context: LedgerContext, fn: () => T): T;
  /** The context in force here (from `withContext`), or `{}`. */
  currentContext(): LedgerContext;
  /** Run `fn` and return the totals of everything recorded inside it (across awaits; concurrent scopes don't mix). */
  track<T>(fn: () => T | Promise<T>): Promise<{ result: T; totals: Totals }>;
  /** Every budget bucket that applies to `context`, with spent, held and remaining. */
  status(context?: LedgerContext): Promise<BudgetStatus[]>;
  /** Aggregated rows. */
  report(query?: ReportQuery): Promise<AggregateRow[]>;
  /**
   * Waste found in the records (duplicate prompts, uncached static prefixes, oversized
   * `maxOutputTokens`, expensive models on short outputs, failed calls), each with the dollars
   * it would save, largest first. Works from prompt hashes, counts and costs; never prompt text.
   */
  insights(query?: InsightQuery, options?: InsightOptions): Promise<Insight[]>;
  /** {@link Ledger.status} with, per bucket, when it runs out this window at the current rate. */
  projection(context?: LedgerContext): Promise<BudgetProjection[]>;
  /** Subscribe; returns an unsubscribe function. */
  on<E extends LedgerEventName>(event: E, listener: (payload: LedgerEvents[E]) => void): () => void;
  /** Estimate tokens of a text for a model (used to settle aborted streams from their deltas). */
  countTokens(text: string, model: { model: string; provider?: string }): Promise<number>;
  /**
   * Writes what is buffered (within `closeTimeoutMs`, or `options.timeoutMs`), then closes the
   * store. What could not be written is returned and reported with `dropped` events. On Node,
   * call it before exit (`process.once("beforeExit", () => ledger.close())`): buffered writes
   * live in memory and do not keep the process alive.
   */
  close(options?: { timeoutMs?: number }): Promise<CloseReport>;
}
