import type { LedgerContext } from "../ledger/types.js";
import type { BucketLimits } from "../store/amounts.js";
import type { BudgetMode, BudgetRule } from "./budget-rule.js";

/**
 * One bucket a call touches: a rule × scope value × window. Computed per call by
 * {@link CompiledBudgets.bucketsFor}; `key` is what the store counts under.
 */
export interface BucketPlan {
  ruleId: string;
  /** `global` or the context key of the rule. */
  scope: string;
  /** The context value (`user-42`), or `global`. */
  scopeValue: string;
  /**
   * Store key, unique per rule × scope value × window:
   * `<ruleId>|<scope>=<scopeValue>|<windowKey>` with each part URI-encoded, so values with
   * `|`, `=`, `:`, newlines or braces cannot collide or break out.
   */
  key: string;
  /** `day:2026-11-22`, `week:2026-W47`, `month:2026-11`, `hour:2026-11-22T13`, `minute:2026-11-22T13:05`, `total`, `rolling:<ms>`. */
  windowKey: string;
  /** Limits in store units (USD as integer nano-USD). */
  limits: BucketLimits;
  mode: BudgetMode;
  /** Sorted ascending, unique, each in (0, 1]. */
  thresholds: readonly number[];
  /** First instant (ms) of the window; `now - rollingMs` for rolling windows; `null` for `total`. */
  windowStart: number | null;
  /**
   * First instant (ms) of the next window; `null` for `total`. For rolling windows
   * `now + rollingMs`: by then everything counted now has left the window.
   */
  resetsAt: number | null;
  /**
   * When the store may drop this bucket's data (and once-per-window claims): `resetsAt` plus a
   * grace (one window, at most an hour) for late settles and clock skew; `null` for `total`.
   */
  expiresAtMs: number | null;
  /** Set for rolling windows: the store sums entries inside `[now - rollingWindowMs, now]`. */
  rollingWindowMs?: number;
}

/**
 * Input to {@link CompiledBudgets.bucketsFor}. `model`/`provider` are resolved catalog ids; a
 * rule's `match` is checked only against the ones given, so omit both to list every rule whose
 * scope applies to the context (status reports).
 */
export interface BucketsForRequest {
  context: LedgerContext;
  model?: string;
  provider?: string;
  /** Epoch ms of the call. */
  now: number;
}

/** The buckets of one call, and the rules that would apply but cannot (see `unscoped`). */
export interface BucketPlans {
  plans: BucketPlan[];
  /**
   * Rules that match the call's model and provider but whose scope key the call's context
   * lacks: they cannot hold it (the `missingScope` policy decides what happens).
   */
  unscoped: CompiledBudgetRule[];
}

/** A validated rule with defaults applied and USD converted to nano-USD. */
export interface CompiledBudgetRule {
  readonly rule: Readonly<BudgetRule>;
  readonly id: string;
  readonly scope: string;
  readonly limits: BucketLimits;
  readonly mode: BudgetMode;
  readonly timezone: string;
  readonly thresholds: readonly number[];
}

/** Budget rules validated once; computes the buckets of each call without re-validating. */
export interface CompiledBudgets {
  readonly rules: readonly CompiledBudgetRule[];
  /** True when some rule has a USD limit (unknown models must then be refused). */
  readonly hasUsdLimits: boolean;
  /**
   * Buckets a call touches: rules whose scope key is in the context and whose `match` matches;
   * rules that match but whose key is missing are listed apart.
   */
  bucketsFor(request: BucketsForRequest): BucketPlans;
}
