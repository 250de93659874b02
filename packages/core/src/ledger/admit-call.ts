import type { BucketPlan, CompiledBudgetRule } from "../budget/bucket-plan.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { StoreUnavailableError } from "../errors/store-unavailable-error.js";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import { UnscopedCallError } from "../errors/unscoped-call-error.js";
import {
  type FingerprintRequest,
  fingerprintPrompt,
  type PromptFingerprint,
} from "../insights/fingerprint-prompt.js";
import { approximatePriceError } from "../pricing/approximate-price-error.js";
import type { ReserveHold, ReserveOutcome, StoreDenial } from "../store/store.js";
import { nextCallId } from "./call-id.js";
import {
  type CallEstimate,
  estimateCall,
  repriceEstimate,
  worstCase,
  worstCaseOutputTokens,
} from "./estimate-call.js";
import { fitOutputTokens } from "./fit-output.js";
import type { InputEstimate, LedgerRuntime, PricedModel } from "./ledger-runtime.js";
import type { Estimate, LedgerContext, ReserveRequest } from "./types.js";

/** A call admitted by every matching budget (possibly on a fallback model). */
export interface Admission {
  id: string;
  /** Catalog model and provider admitted (the given names when unpriced). */
  model: string;
  provider: string;
  /**
   * The worst case. When nothing is held (no budget applies) the prompt is counted on first
   * read of this field, not before the call: see {@link Admission.inputCounted}.
   */
  readonly estimate: Estimate;
  /** Worst-case output tokens held (or that would have been): known without counting. */
  outputTokens: number;
  /** False while a no-hold call's prompt has not been counted (nobody read `estimate`). */
  inputCounted(): boolean;
  priced: PricedModel | undefined;
  /** Model id the caller asked for, when a fallback was admitted instead. */
  fallbackFrom: string | undefined;
  plans: readonly BucketPlan[];
  /** False when no store hold exists (no budgets matched, or the store was down in open mode). */
  held: boolean;
  /** Feeds the billed input back to the correction factors; only once the prompt was counted. */
  learn(actualInputTokens: number): void;
  /** Hashes of the prompt and the size of its system part, kept on the record (for insights). */
  fingerprint: PromptFingerprint;
  /** Set when `shrinkToFit` admitted the call with fewer output tokens: the worst case asked for. */
  cappedFrom?: number;
}

/**
 * Estimates the worst case and holds it in every matching bucket, all-or-nothing. Tries the
 * requested model, then each fallback in order. Throws `BudgetExceededError` when none fits,
 * `UnknownModelError` for an unpriced model under a USD budget, `StoreUnavailableError` when
 * the store is down in closed mode. Synchronous when no budget applies (the per-call floor):
 * a promise only when something is held or the tokenizer is still loading.
 */
export function admitCall(
  runtime: LedgerRuntime,
  request: ReserveRequest,
  context: LedgerContext,
): Admission | Promise<Admission> {
  const id = nextCallId();
  const requested = runtime.resolveModel(request.model, request.provider);
  const names = catalogNames(runtime, request, requested);
  const requestedAtMs = runtime.now();
  const { plans: requestedPlans, unscoped } = runtime.budgets.bucketsFor({
    context,
    model: names.model,
    provider: names.provider,
    now: requestedAtMs,
  });
  if (unscoped.length > 0) applyMissingScope(runtime, unscoped, { ...names, context });
  const fingerprint = fingerprintRequest(runtime, request);
  const hasFallbacks = request.fallbackModels !== undefined && request.fallbackModels.length > 0;
  if (requestedPlans.length > 0 || hasFallbacks || request.estimate !== undefined) {
    return admitHeld(runtime, request, context, {
      id,
      requestedAtMs,
      requestedPlans,
      fingerprint,
    });
  }
  // No budget applies and nothing else needs the count: hold nothing, count the prompt only
  // if something reads the estimate.
  const unheld = (resolved: PromptFingerprint) =>
    admitUnheld(runtime, request, context, { id, priced: requested, names, fingerprint: resolved });
  return fingerprint instanceof Promise ? fingerprint.then(unheld) : unheld(fingerprint);
}

/** The requested model's plans and instant, computed once by {@link admitCall}. */
interface HeldCall {
  id: string;
  requestedAtMs: number;
  requestedPlans: BucketPlan[];
  fingerprint: PromptFingerprint | Promise<PromptFingerprint>;
}

/** {@link admitCall} when budgets apply (or fallbacks / an explicit estimate): estimate, then hold. */
async function admitHeld(
  runtime: LedgerRuntime,
  request: ReserveRequest,
  context: LedgerContext,
  call: HeldCall,
): Promise<Admission> {
  const { requestedAtMs, requestedPlans } = call;
  const baseId = call.id;
  const fingerprint = await call.fingerprint;
  const candidates = [request, ...(request.fallbackModels ?? [])];
  const first = await estimateCall(runtime, request, request.estimate);
  const shrink = shrinkOptions(request.shrinkToFit);
  let lastDenial: { denied: StoreDenial; plans: BucketPlan[] } | undefined;
  let lastEstimate = first.estimate;

  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index]!;
    const { estimate, priced }: Pick<CallEstimate, "estimate" | "priced"> =
      index === 0
        ? first
        : repriceEstimate(
            runtime,
            // A fallback names its own provider (or none: the catalog infers it from the id).
            { ...request, model: candidate.model, provider: candidate.provider },
            first.estimate,
            request.estimate?.outputTokens,
          );
    lastEstimate = estimate;
    // The requested model's buckets and its store call share one instant (one window).
    const nowMs = index === 0 ? requestedAtMs : runtime.now();
    const plans =
      index === 0
        ? requestedPlans
        : runtime.budgets.bucketsFor({
            context,
            model: estimate.model,
            provider: estimate.provider,
            now: nowMs,
          }).plans;
    if ((!priced || priced.priceMatch === "family") && !allowUnpriced(runtime, plans)) {
      // An unpriced fallback is skipped; a budget denial seen earlier is the real answer.
      if (index < candidates.length - 1 || lastDenial) continue;
      throw unknownModelError(candidate, priced);
    }
    if (!priced) {
      runtime.emitter.emit("unpriced-model", {
        model: estimate.model,
        provider: estimate.provider,
        context,
      });
    }
    const learn = first.input?.learn;
    const admissionOf = (id: string, held: Estimate, cappedFrom?: number): Admission => ({
      id,
      model: held.model,
      provider: held.provider,
      estimate: held,
      outputTokens: held.outputTokens,
      inputCounted: () => true,
      priced,
      fallbackFrom: index === 0 ? undefined : request.model,
      plans,
      held: false,
      learn: (actualInputTokens) => learn?.(actualInputTokens),
      fingerprint,
      ...(cappedFrom === undefined ? {} : { cappedFrom }),
    });
    let id = index === 0 ? baseId : `${baseId}~${index}`;
    if (plans.length === 0) return admissionOf(id, estimate);

    // The requested model first at its full worst case, then (shrinkToFit) at the largest
    // output that fits what the denying bucket has left, once per bucket at most.
    let held = estimate;
    for (let fitAttempt = 0; ; fitAttempt++) {
      const outcome = await holdInStore(runtime, id, plans, held, nowMs);
      if (outcome === "open") return admissionOf(id, held);
      const cappedFrom = held === estimate ? undefined : estimate.outputTokens;
      if (outcome.admitted) {
        const admission = admissionOf(id, held, cappedFrom);
        admission.held = true;
        if (cappedFrom !== undefined) {
          runtime.emitter.emit("output-capped", {
            model: held.model,
            provider: held.provider,
            requestedOutputTokens: cappedFrom,
            outputTokens: held.outputTokens,
            context,
          });
        }
        return admission;
      }
      if ("released" in outcome) {
        // The store had already seen this id released: only a reserve retried after its
        // caller gave up gets here, and nothing was held for it.
        throw new StoreUnavailableError({
          operation: "reserve",
          message: `The budget store had already released reservation "${id}" when its reserve arrived; nothing was held. Retry the call.`,
        });
      }
      lastDenial = { denied: outcome.denied, plans };
      const fits =
        index === 0 && shrink !== undefined && fitAttempt < plans.length
          ? fitOutputTokens(runtime, priced, held, outcome.denied, nowMs)
          : undefined;
      if (fits === undefined || fits < shrink!.minOutputTokens || fits >= held.outputTokens) break;
      held = worstCase(runtime, request, priced, held.inputTokens, fits);
      id = `${baseId}~fit${fitAttempt + 1}`;
    }
  }

  const error = toBudgetExceeded(lastDenial);
  runtime.emitter.emit("denied", {
    error,
    model: lastEstimate.model,
    provider: lastEstimate.provider,
    context,
  });
  throw error;
}

/** Smallest output cap worth admitting a call with when `shrinkToFit: true`. */
const DEFAULT_MIN_OUTPUT_TOKENS = 256;

function shrinkOptions(
  shrinkToFit: ReserveRequest["shrinkToFit"],
): { minOutputTokens: number } | undefined {
  if (shrinkToFit === undefined || shrinkToFit === false) return undefined;
  return {
    minOutputTokens: shrinkToFit === true ? DEFAULT_MIN_OUTPUT_TOKENS : shrinkToFit.minOutputTokens,
  };
}

/**
 * Holds `estimate` in every bucket of `plans` under `id`: the store's outcome, or `"open"` when
 * the store is down and the ledger fails open (the call goes ahead with nothing held).
 */
async function holdInStore(
  runtime: LedgerRuntime,
  id: string,
  plans: readonly BucketPlan[],
  estimate: Estimate,
  nowMs: number,
): Promise<ReserveOutcome | "open"> {
  const holds: ReserveHold[] = plans.map((plan) => ({
    key: plan.key,
    limits: plan.limits,
    amount: {
      nanoUsd: estimate.costNanoUsd ?? 0,
      tokens: estimate.inputTokens + estimate.outputTokens,
      requests: 1,
    },
    enforce: plan.mode === "block",
    expiresAtMs: plan.expiresAtMs,
    ...(plan.rollingWindowMs === undefined ? {} : { rollingWindowMs: plan.rollingWindowMs }),
  }));
  try {
    return await runtime.guard.call("reserve", () =>
      runtime.store.reserve({ id, holds, ttlMs: runtime.holdTtlMs, nowMs }),
    );
  } catch (error) {
    // A reserve that timed out may still land in the store. The release is written whatever
    // happens (buffered until the store answers), and the store remembers it, so a reserve
    // that lands after it holds nothing.
    void runtime.guard.write("release", id, () => runtime.store.release({ id, nowMs }));
    if (runtime.failMode === "open" && StoreUnavailableError.isInstance(error)) return "open";
    throw error;
  }
}

/** Who and what a call is, for the `unscoped-call` event. */
interface CallNames {
  model: string;
  provider: string;
  context: LedgerContext;
}

/**
 * Budgets that apply to the call's model but cannot hold it, because the call lacks their scope
 * key: refused under `missingScope: "deny"`, reported under `"warn"` (the default).
 */
function applyMissingScope(
  runtime: LedgerRuntime,
  unscoped: readonly CompiledBudgetRule[],
  call: CallNames,
): void {
  if (runtime.missingScope === "deny") {
    const rule = unscoped.find((candidate) => candidate.mode === "block") ?? unscoped[0];
    if (rule) throw new UnscopedCallError({ ruleId: rule.id, scope: rule.scope });
  }
  warnUnscoped(runtime, unscoped, call);
}

/** One `unscoped-call` event per budget the call escaped (unless `missingScope: "skip"`). */
export function warnUnscoped(
  runtime: LedgerRuntime,
  unscoped: readonly CompiledBudgetRule[],
  call: CallNames,
): void {
  if (runtime.missingScope === "skip") return;
  for (const rule of unscoped) {
    runtime.emitter.emit("unscoped-call", { ruleId: rule.id, scope: rule.scope, ...call });
  }
}

/** Prompt hashes and the system part's token count (the tokenizer's cached count) of a request. */
export function fingerprintRequest(
  runtime: LedgerRuntime,
  request: FingerprintRequest & { model: string; provider?: string | undefined },
): PromptFingerprint | Promise<PromptFingerprint> {
  return fingerprintPrompt(request, (text) =>
    runtime.countPromptText(text, request.model, request.provider),
  );
}

/** The names a call is booked under: the catalog's when priced, else the given ones. */
function catalogNames(
  runtime: LedgerRuntime,
  request: ReserveRequest,
  priced: PricedModel | undefined,
): { model: string; provider: string } {
  return priced
    ? { model: priced.model, provider: priced.provider }
    : {
        model: request.model,
        provider: runtime.normalizeProvider(request.provider, request.model),
      };
}

/** What is known of a call no budget applies to before its admission is built. */
interface UnheldCall {
  id: string;
  priced: PricedModel | undefined;
  /** The names the call is booked under ({@link catalogNames}). */
  names: { model: string; provider: string };
  fingerprint: PromptFingerprint;
}

/**
 * Admits a call no budget applies to. Nothing is held, so the prompt is not counted before the
 * call; the tokenizer is loaded now, so a later read of `estimate` (a cut stream settled from
 * its text, an output cap) counts synchronously. Synchronous unless the tokenizer is loading.
 */
function admitUnheld(
  runtime: LedgerRuntime,
  request: ReserveRequest,
  context: LedgerContext,
  admitted: UnheldCall,
): Admission | Promise<Admission> {
  const { priced, names } = admitted;
  if (!priced) {
    if (!allowUnpriced(runtime, [])) throw unknownModelError(request, priced);
    runtime.emitter.emit("unpriced-model", { ...names, context });
  } else if (priced.priceMatch === "family" && !allowUnpriced(runtime, [])) {
    throw unknownModelError(request, priced);
  }
  const pending = runtime.inputCounter(request);
  return pending instanceof Promise
    ? pending.then((countInput) => unheldAdmission(runtime, request, admitted, countInput))
    : unheldAdmission(runtime, request, admitted, pending);
}

/** The admission of a call nothing is held for; its prompt is counted on first read. */
function unheldAdmission(
  runtime: LedgerRuntime,
  request: ReserveRequest,
  admitted: UnheldCall,
  countInput: () => InputEstimate,
): Admission {
  return new UnheldAdmission(runtime, request, admitted, countInput);
}

const NO_PLANS: readonly BucketPlan[] = Object.freeze([]);

/** A class, not an object literal with a getter and closures: built on every unbudgeted call. */
class UnheldAdmission implements Admission {
  readonly id: string;
  readonly model: string;
  readonly provider: string;
  readonly outputTokens: number;
  readonly priced: PricedModel | undefined;
  readonly fallbackFrom = undefined;
  readonly plans = NO_PLANS;
  readonly held = false;
  readonly fingerprint: PromptFingerprint;
  private input: InputEstimate | undefined;
  private counted: Estimate | undefined;

  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly request: ReserveRequest,
    admitted: UnheldCall,
    private readonly countInput: () => InputEstimate,
  ) {
    this.id = admitted.id;
    this.model = admitted.names.model;
    this.provider = admitted.names.provider;
    this.priced = admitted.priced;
    this.outputTokens = worstCaseOutputTokens(runtime, request, admitted.priced);
    this.fingerprint = admitted.fingerprint;
  }

  get estimate(): Estimate {
    if (this.counted === undefined) {
      const input = this.countInput();
      this.input = input;
      this.counted = worstCase(
        this.runtime,
        this.request,
        this.priced,
        input.inputTokens,
        this.outputTokens,
      );
    }
    return this.counted;
  }

  inputCounted(): boolean {
    return this.input !== undefined;
  }

  learn(actualInputTokens: number): void {
    this.input?.learn?.(actualInputTokens);
  }
}

/**
 * The refusal of a model with no price, or with only a `family` (approximate) one: the message
 * names the closest entry and how to add a price.
 */
function unknownModelError(
  request: { model: string; provider?: string | undefined },
  priced: PricedModel | undefined,
): UnknownModelError {
  if (priced === undefined) {
    return new UnknownModelError({ model: request.model, provider: request.provider });
  }
  return approximatePriceError(request.model, priced);
}

/** Unpriced calls pass unless a USD limit would have to hold them (or the policy refuses all). */
function allowUnpriced(runtime: LedgerRuntime, plans: readonly BucketPlan[]): boolean {
  if (runtime.unknownModel === "record") return true;
  if (runtime.unknownModel === "refuse") return false;
  return !plans.some((plan) => plan.mode === "block" && plan.limits.nanoUsd !== undefined);
}

function toBudgetExceeded(
  last: { denied: StoreDenial; plans: BucketPlan[] } | undefined,
): BudgetExceededError {
  const denied = last?.denied;
  const plan = last?.plans.find((candidate) => candidate.key === denied?.key);
  return new BudgetExceededError({
    denial: {
      ruleId: plan?.ruleId ?? "unknown",
      scope: plan?.scope ?? "unknown",
      scopeValue: plan?.scopeValue ?? "unknown",
      limitKind: denied?.limitKind ?? "usd",
      limit: denied?.limit ?? 0,
      spent: denied?.spent ?? 0,
      held: denied?.held ?? 0,
      requested: denied?.requested ?? 0,
      resetsAt: plan?.resetsAt == null ? null : new Date(plan.resetsAt),
    },
  });
}
