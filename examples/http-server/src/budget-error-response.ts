import type { BudgetExceededError, BudgetRule } from "@tokenledger/core";

/** An HTTP answer to a refused call: status, JSON body and headers. */
export interface BudgetErrorResponse {
  status: 402 | 429;
  body: {
    error: "budget_exceeded" | "rate_limited";
    /** The ledger's message: who, which rule, how much, when it resets, what to do. */
    reason: string;
    rule: string;
    scope: string;
    limitKind: "usd" | "tokens" | "requests";
    /** Limit, spent and this call's worst case, in USD for `usd` rules, else tokens or requests. */
    limit: number;
    spent: number;
    requested: number;
    resetsAt: string | null;
  };
  headers: Record<string, string>;
}

const HOUR_MS = 3_600_000;

/** True when the rule's window is an hour or less: waiting a little is the fix. */
function isShortWindow(rule: BudgetRule | undefined): boolean {
  if (!rule) return false;
  if (typeof rule.window === "object") return rule.window.rollingMs <= HOUR_MS;
  return rule.window === "minute" || rule.window === "hour";
}

/**
 * Maps a budget denial to HTTP:
 * - **429 Too Many Requests** for rate-like limits: any `requests` limit, or any limit whose
 *   window is an hour or shorter (`minute`, `hour`, rolling ≤ 1 h). The client should wait.
 * - **402 Payment Required** for spend limits over a day, week, month or in total: the budget
 *   is exhausted until `resetsAt` (or raised), retrying soon will not help.
 * Both carry `Retry-After` (seconds) when the window resets.
 */
export function budgetErrorResponse(
  error: BudgetExceededError,
  rules: readonly BudgetRule[],
  nowMs: number,
): BudgetErrorResponse {
  const { denial } = error;
  const rule = rules.find((candidate) => candidate.id === denial.ruleId);
  const rateLike = denial.limitKind === "requests" || isShortWindow(rule);
  const inUnit = (value: number): number => (denial.limitKind === "usd" ? value / 1e9 : value);
  const headers: Record<string, string> = {};
  if (denial.resetsAt) {
    const seconds = Math.max(1, Math.ceil((denial.resetsAt.getTime() - nowMs) / 1000));
    headers["Retry-After"] = String(seconds);
  }
  return {
    status: rateLike ? 429 : 402,
    body: {
      error: rateLike ? "rate_limited" : "budget_exceeded",
      reason: error.message,
      rule: denial.ruleId,
      scope: `${denial.scope}=${denial.scopeValue}`,
      limitKind: denial.limitKind,
      limit: inUnit(denial.limit),
      spent: inUnit(denial.spent),
      requested: inUnit(denial.requested),
      resetsAt: denial.resetsAt?.toISOString() ?? null,
    },
    headers,
  };
}
