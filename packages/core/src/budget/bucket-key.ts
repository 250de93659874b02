import type { BudgetLimitKind } from "./budget-rule.js";

/**
 * The store key of one bucket: `<ruleId>|<scope>=<scopeValue>|<windowKey>` with rule id, scope
 * and value URI-encoded, so no value (`a|b`, `x=y`, newlines, `{braces}`) can collide with
 * another bucket or break out of its segment. Global rules use `<ruleId>|global|<windowKey>`.
 */
export function bucketKey(parts: {
  ruleId: string;
  scope: string;
  scopeValue: string;
  windowKey: string;
}): string {
  const scopePart =
    parts.scope === "global"
      ? "global"
      : `${encodeURIComponent(parts.scope)}=${encodeURIComponent(parts.scopeValue)}`;
  return `${encodeURIComponent(parts.ruleId)}|${scopePart}|${parts.windowKey}`;
}

/**
 * Key for `store.claimOnce` so a threshold event fires once per bucket window: pass the plan's
 * `expiresAtMs` as the claim's expiry.
 */
export function thresholdClaimKey(
  plan: { key: string },
  limitKind: BudgetLimitKind,
  threshold: number,
): string {
  return `${plan.key}|threshold:${limitKind}:${threshold}`;
}
