import type { BucketPlan } from "../budget/bucket-plan.js";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { StoreUnavailableError } from "../errors/store-unavailable-error.js";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import type { ReserveHold, StoreDenial } from "../store/store.js";
import { type CallEstimate, estimateCall, repriceEstimate } from "./estimate-call.js";
import type { LedgerRuntime, PricedModel } from "./ledger-runtime.js";
import type { Estimate, LedgerContext, ReserveRequest } from "./types.js";

/** A call admitted by every matching budget (possibly on a fallback model). */
export interface Admission {
  id: string;
  estimate: Estimate;
  priced: PricedModel | undefined;
  /** Model id the caller asked for, when a fallback was admitted instead. */
  fallbackFrom: string | undefined;
  plans: BucketPlan[];
  /** False when no store hold exists (no budgets matched, or the store was down in open mode). */
  held: boolean;
  learn: ((actualInputTokens: number) => void) | undefined;
}

/**
 * Estimates the worst case and holds it in every matching bucket, all-or-nothing. Tries the
 * requested model, then each fallback in order. Throws `BudgetExceededError` when none fits,
 * `UnknownModelError` for an unpriced model under a USD budget, `StoreUnavailableError` when
 * the store is down in closed mode.
 */
export async function admitCall(
  runtime: LedgerRuntime,
  request: ReserveRequest,
  context: LedgerContext,
): Promise<Admission> {
  const baseId = crypto.randomUUID();
  const first = await estimateCall(runtime, request, request.estimate);
  const candidates = [request, ...(request.fallbackModels ?? [])];
  let lastDenial: { denied: StoreDenial; plans: BucketPlan[] } | undefined;
  let lastEstimate = first.estimate;

  for (let index = 0; index < candidates.length; index++) {
    const candidate = candidates[index]!;
    const { estimate, priced }: Pick<CallEstimate, "estimate" | "priced"> =
      index === 0 ? first : repriceEstimate(runtime, { ...request, ...candidate }, first.estimate);
    lastEstimate = estimate;
    const nowMs = runtime.now();
    const plans = runtime.budgets.bucketsFor({
      context,
      model: estimate.model,
      provider: estimate.provider,
      now: nowMs,
    });
    if (!priced && !allowUnpriced(runtime, plans)) {
      if (index < candidates.length - 1) continue;
      throw new UnknownModelError({ model: candidate.model, provider: candidate.provider });
    }
    if (!priced) {
      runtime.emitter.emit("unpriced-model", {
        model: estimate.model,
        provider: estimate.provider,
        context,
      });
    }
    const id = index === 0 ? baseId : `${baseId}~${index}`;
    const admission: Admission = {
      id,
      estimate,
      priced,
      fallbackFrom: index === 0 ? undefined : request.model,
      plans,
      held: false,
      learn: first.input?.learn,
    };
    if (plans.length === 0) return admission;

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
    let outcome: Awaited<ReturnType<typeof runtime.store.reserve>>;
    try {
      outcome = await runtime.guard.call("reserve", () =>
        runtime.store.reserve({ id, holds, ttlMs: runtime.holdTtlMs, nowMs }),
      );
    } catch (error) {
      if (runtime.failMode === "open" && StoreUnavailableError.isInstance(error)) return admission;
      throw error;
    }
    if (outcome.admitted) {
      admission.held = true;
      return admission;
    }
    lastDenial = { denied: outcome.denied, plans };
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
