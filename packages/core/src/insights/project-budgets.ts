import type { BudgetStatus } from "../ledger/types.js";

const HOUR_MS = 3_600_000;

/** Where a budget is heading at its current rate. */
export type ProjectionOutcome =
  /** Spent has reached the limit: calls are refused (or warned) until the window resets. */
  | "exhausted"
  /** At the current rate the limit is reached before the window resets (`runsOutAt`). */
  | "runs-out"
  /** At the current rate the window resets first (or nothing is being spent). */
  | "lasts"
  /** No rate can be measured: a `total` window has no start (pass `since`). */
  | "unknown";

/** A budget bucket with its projection (amounts in the unit of `limitKind`, nano-USD for `usd`). */
export interface BudgetProjection extends BudgetStatus {
  /** Spent per hour since the window started; `null` when unknown. */
  ratePerHour: number | null;
  /** When spent reaches the limit at that rate; `now` when exhausted; `null` when it won't before the reset. */
  runsOutAt: Date | null;
  outcome: ProjectionOutcome;
}

/** Options of {@link projectBudgets}. */
export interface ProjectBudgetsOptions {
  /** The instant the statuses were read at (epoch ms or Date). */
  now: number | Date;
  /** For `total` windows (no start): measure the rate from this instant, e.g. the first record. */
  since?: number | Date;
}

const toMs = (value: number | Date): number => (value instanceof Date ? value.getTime() : value);

/**
 * Projects each budget bucket at its current rate: `rate = spent / (now − windowStart)`, and
 * the limit is reached at `now + (limit − spent) / rate` — reported as `runsOutAt` when that is
 * before the window resets, else `null` (`lasts`). Rolling windows keep a steady rate's sum
 * constant, so they only report `exhausted` or `lasts`. Pure.
 *
 * @example
 * // A $10 day budget with $4 spent by 06:00 UTC: $4 / 6 h, the remaining $6 last 9 h → 15:00.
 * projectBudgets(await ledger.status({ userId }), { now: Date.parse("2026-11-22T06:00:00Z") });
 */
export function projectBudgets(
  statuses: readonly BudgetStatus[],
  options: ProjectBudgetsOptions,
): BudgetProjection[] {
  const nowMs = toMs(options.now);
  return statuses.map((status) => project(status, nowMs, options.since));
}

function project(
  status: BudgetStatus,
  nowMs: number,
  since: number | Date | undefined,
): BudgetProjection {
  const startMs =
    status.windowStart instanceof Date
      ? status.windowStart.getTime()
      : since === undefined
        ? undefined
        : toMs(since);
  const rolling = status.window.startsWith("rolling:");
  const elapsedMs = startMs === undefined ? undefined : nowMs - startMs;
  const ratePerHour =
    elapsedMs === undefined || elapsedMs <= 0 ? null : (status.spent * HOUR_MS) / elapsedMs;
  if (status.spent >= status.limit) {
    return { ...status, ratePerHour, runsOutAt: new Date(nowMs), outcome: "exhausted" };
  }
  if (ratePerHour === null || elapsedMs === undefined) {
    const outcome: ProjectionOutcome = startMs === undefined ? "unknown" : "lasts";
    return { ...status, ratePerHour, runsOutAt: null, outcome };
  }
  if (rolling || status.spent === 0) {
    return { ...status, ratePerHour, runsOutAt: null, outcome: "lasts" };
  }
  const runsOutMs = Math.ceil(nowMs + ((status.limit - status.spent) * elapsedMs) / status.spent);
  const resetsAtMs = status.resetsAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (runsOutMs >= resetsAtMs) return { ...status, ratePerHour, runsOutAt: null, outcome: "lasts" };
  return { ...status, ratePerHour, runsOutAt: new Date(runsOutMs), outcome: "runs-out" };
}
