import type { BudgetLimitKind } from "./budget-rule.js";

/** A lone surrogate (with the `u` flag, a surrogate pair is one code point and does not match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * `encodeURIComponent`, total: it throws `URIError` on a lone surrogate (`"a\uD800"`, half of an
 * emoji cut by a truncation), which is written `%u` + 4 hex digits instead. `%u` never comes out
 * of `encodeURIComponent` (its `%` is followed by two hex digits), so the encoding stays
 * injective, and well-formed strings keep the keys they always had.
 */
function encodeKeySegment(value: string): string {
  if (!LONE_SURROGATE.test(value)) return encodeURIComponent(value);
  let encoded = "";
  for (const character of value) {
    encoded += LONE_SURROGATE.test(character)
      ? `%u${character.charCodeAt(0).toString(16).toUpperCase()}`
      : encodeURIComponent(character);
  }
  return encoded;
}

/**
 * The store key of one bucket: `<ruleId>|<scope>=<scopeValue>|<windowKey>` with rule id, scope
 * and value URI-encoded ({@link encodeKeySegment}), so no value (`a|b`, `x=y`, newlines,
 * `{braces}`, NUL, lone surrogates) can collide with another bucket or break out of its segment.
 * Global rules use `<ruleId>|global|<windowKey>`.
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
      : `${encodeKeySegment(parts.scope)}=${encodeKeySegment(parts.scopeValue)}`;
  return `${encodeKeySegment(parts.ruleId)}|${scopePart}|${parts.windowKey}`;
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
