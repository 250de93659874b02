import type { BudgetLimitKind } from "../budget/budget-rule.js";
import type { StoreDenial } from "./store.js";

/** What a call holds or spends in a bucket. All fields are non-negative integers. */
export interface Amounts {
  nanoUsd: number;
  tokens: number;
  requests: number;
}

/** Limits of one bucket, in store units (USD already converted to nano-USD). */
export interface BucketLimits {
  nanoUsd?: number;
  tokens?: number;
  requests?: number;
}

/** Field of {@link Amounts} / {@link BucketLimits} for each limit kind. */
export const AMOUNT_FIELD_BY_LIMIT_KIND: Readonly<Record<BudgetLimitKind, keyof Amounts>> = {
  usd: "nanoUsd",
  tokens: "tokens",
  requests: "requests",
};

/** Limit kinds in the order stores check them. */
export const LIMIT_KINDS: readonly BudgetLimitKind[] = ["usd", "tokens", "requests"];

/** A fresh all-zero {@link Amounts}. */
export function zeroAmounts(): Amounts {
  return { nanoUsd: 0, tokens: 0, requests: 0 };
}

/** `left + right`, field by field. */
export function addAmounts(left: Amounts, right: Amounts): Amounts {
  return {
    nanoUsd: left.nanoUsd + right.nanoUsd,
    tokens: left.tokens + right.tokens,
    requests: left.requests + right.requests,
  };
}

/** Adds `amount` into `target` in place (for hot loops that sum many entries). */
export function addAmountsInto(target: Amounts, amount: Amounts): void {
  target.nanoUsd += amount.nanoUsd;
  target.tokens += amount.tokens;
  target.requests += amount.requests;
}

/** The value of `amounts` for one limit kind. */
export function amountOfKind(amounts: Amounts, limitKind: BudgetLimitKind): number {
  return amounts[AMOUNT_FIELD_BY_LIMIT_KIND[limitKind]];
}

/** The limit of `limits` for one limit kind, or `undefined` when the bucket has none. */
export function limitOfKind(limits: BucketLimits, limitKind: BudgetLimitKind): number | undefined {
  return limits[AMOUNT_FIELD_BY_LIMIT_KIND[limitKind]];
}

/**
 * The first limit (usd, then tokens, then requests) that `spent + held + requested` would pass
 * in bucket `key`, as a store denial; `undefined` when the request fits every limit.
 */
export function exceededLimit(
  key: string,
  limits: BucketLimits,
  balance: { spent: Amounts; held: Amounts },
  amount: Amounts,
): StoreDenial | undefined {
  for (const limitKind of LIMIT_KINDS) {
    const limit = limitOfKind(limits, limitKind);
    if (limit === undefined) continue;
    const spent = amountOfKind(balance.spent, limitKind);
    const held = amountOfKind(balance.held, limitKind);
    const requested = amountOfKind(amount, limitKind);
    if (spent + held + requested > limit) return { key, limitKind, limit, spent, held, requested };
  }
  return undefined;
}
