import type { BudgetLimitKind } from "../budget/budget-rule.js";
import type { StoreDenial } from "./store.js";

/**
 * What a call holds or spends in a bucket. All fields are non-negative integers, each at most
 * {@link MAX_STORE_AMOUNT} (2^62: $4.6e9 in nano-USD). Stores add them as doubles (Lua, JS) or
 * exactly (Postgres): admission at a limit is exact wherever spent, held, amount and limit are
 * exact doubles (every integer up to 2^53, and 1e18 itself); sums beyond 2^53 may round to the
 * nearest double. Stored sums never overflow: they stop at {@link MAX_STORE_SUM}, past every
 * limit a store accepts, so a bucket that reached it refuses everything.
 */
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

/** Largest amount or limit a store accepts (2^62). */
export const MAX_STORE_AMOUNT: number = 2 ** 62;

/** Where stored sums stop (2^63 - 1024: the largest double below 2^63, so it fits a bigint). */
export const MAX_STORE_SUM: number = 2 ** 63 - 1024;

/** Whether `value` is a valid amount or limit: an integer from 0 to {@link MAX_STORE_AMOUNT}. */
export function isStoreAmount(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_STORE_AMOUNT;
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
    if (exceeds(limit, spent, held, requested)) {
      return { key, limitKind, limit, spent, held, requested };
    }
  }
  return undefined;
}

/**
 * `spent + held + requested > limit`, exactly: doubles add exactly only below 2^53, so a larger
 * sum is compared in BigInt (every double from 2^53 on is an integer).
 */
function exceeds(limit: number, spent: number, held: number, requested: number): boolean {
  const total = spent + held + requested;
  if (total <= Number.MAX_SAFE_INTEGER) return total > limit;
  return BigInt(spent) + BigInt(held) + BigInt(requested) > BigInt(limit);
}
