import { StoreInputError } from "../errors/store-input-error.js";
import { type Amounts, type BucketLimits, isStoreAmount } from "./amounts.js";
import type { StoreReserveRequest, StoreSettleRequest } from "./store.js";

/**
 * Checks every amount and limit of a reserve or settle: integers from 0 to 2^62. A NaN, a
 * negative or a fraction would make a bucket's sums wrong for as long as it lives, so it is
 * refused with `StoreInputError` (the caller's input, not the store being down).
 */
export function checkStoreAmounts(
  operation: "reserve" | "settle",
  request: StoreReserveRequest | StoreSettleRequest,
): void {
  if ("holds" in request) {
    for (const hold of request.holds) {
      checkAmounts(operation, hold.key, hold.amount);
      checkLimits(operation, hold.key, hold.limits);
    }
  } else {
    for (const charge of request.charges) checkAmounts(operation, charge.key, charge.amount);
  }
}

function checkAmounts(operation: string, key: string, amount: Amounts): void {
  if (
    isStoreAmount(amount.nanoUsd) &&
    isStoreAmount(amount.tokens) &&
    isStoreAmount(amount.requests)
  ) {
    return;
  }
  throw invalid(operation, key, "amount", amount);
}

function checkLimits(operation: string, key: string, limits: BucketLimits): void {
  for (const value of [limits.nanoUsd, limits.tokens, limits.requests]) {
    if (value !== undefined && !isStoreAmount(value))
      throw invalid(operation, key, "limits", limits);
  }
}

const invalid = (operation: string, key: string, field: string, value: object): StoreInputError =>
  new StoreInputError({
    operation,
    message: `${operation} of bucket "${key}" has an invalid ${field} ${JSON.stringify(value, (_name, inner: unknown) => (typeof inner === "number" && !Number.isFinite(inner) ? String(inner) : inner))}: amounts and limits are integers from 0 to 2^62 (nano-USD, tokens, requests). Check the estimate or usage that produced it.`,
  });
