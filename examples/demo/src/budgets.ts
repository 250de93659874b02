import type { BudgetRule } from "@tokenledger/core";

/**
 * The app's budgets, tuned so that each one matters in the simulated week:
 * - `user-daily`: each user may spend $0.50 a day (alert at 80 %). bob's long summaries hit it.
 * - `gpt-4o-daily`: each feature may spend $0.10 a day on gpt-4o (only the ticket classifier
 *   uses it). The classifier spends a fraction of that, but every call *holds* 8,000 output
 *   tokens ($0.08) until it settles, so calls are refused long before the money is gone: what
 *   an oversized maxOutputTokens costs.
 * - `team-monthly`: each team's calendar-month budget, with 50 % and 80 % alerts.
 * - `global-rpm`: at most 30 requests a minute for the whole app; the nightly batch job bursts
 *   above it and waits until the window resets.
 */
export const BUDGETS: BudgetRule[] = [
  { id: "user-daily", scope: "userId", window: "day", limit: { usd: 0.5 }, thresholds: [0.8] },
  {
    id: "gpt-4o-daily",
    scope: "feature",
    window: "day",
    limit: { usd: 0.1 },
    match: { models: ["gpt-4o"] },
  },
  {
    id: "team-monthly",
    scope: "teamId",
    window: "month",
    limit: { usd: 6 },
    thresholds: [0.5, 0.8],
  },
  { id: "global-rpm", scope: "global", window: "minute", limit: { requests: 30 } },
];

/** A rule's limit in words: `$0.50 a day`, `30 requests a minute`. */
export function describeLimit(ruleId: string): string {
  const rule = BUDGETS.find((candidate) => candidate.id === ruleId);
  if (!rule) return ruleId;
  const { usd, tokens, requests } = rule.limit;
  const amount =
    usd !== undefined
      ? `$${usd.toFixed(2)}`
      : tokens !== undefined
        ? `${tokens} tokens`
        : `${requests} requests`;
  const window =
    typeof rule.window === "string" ? rule.window : `${rule.window.rollingMs / 60_000} min`;
  return window === "total" ? `${amount} in total` : `${amount} a ${window}`;
}
