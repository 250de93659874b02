import type { BudgetProjection } from "../insights/project-budgets.js";
import { formatCount, formatDollars, formatDuration, formatUtc } from "./format.js";

/** A budget amount in its unit: dollars for `usd`, else a count. */
export function formatBudgetAmount(
  projection: Pick<BudgetProjection, "limitKind">,
  amount: number,
): string {
  return projection.limitKind === "usd" ? formatDollars(amount) : formatCount(Math.round(amount));
}

/** `runs out 2026-11-22 15:00 UTC (in 9 h)`, `exhausted · resets in 3 h`, `on track · resets in 14 h`. */
export function describeProjection(projection: BudgetProjection, nowMs: number): string {
  const resets =
    projection.resetsAt === null
      ? ""
      : ` · resets in ${formatDuration(projection.resetsAt.getTime() - nowMs)}`;
  if (projection.outcome === "exhausted") return `exhausted${resets}`;
  if (projection.outcome === "runs-out" && projection.runsOutAt) {
    return `runs out ${formatUtc(projection.runsOutAt)} (in ${formatDuration(projection.runsOutAt.getTime() - nowMs)}) at the current rate`;
  }
  if (projection.outcome === "unknown") return "no rate yet (total window)";
  return `on track${resets}`;
}
