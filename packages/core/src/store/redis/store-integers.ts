import { isStoreAmount } from "../amounts.js";

/**
 * Checks of the integers a store sends to its database (shared by the Redis and Postgres
 * stores). Bad input throws `RangeError` naming the field, never a silent zero.
 */

/** `value` as a decimal string; throws `RangeError` unless it is a safe integer. */
export function integerArgument(value: number, name: string): string {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(
      `${name} must be a safe integer, got ${String(value)}. Amounts are integer nano-USD, tokens and requests; times are epoch ms.`,
    );
  }
  return String(value);
}

/** A non-negative safe integer (a time or a duration) as a decimal string. */
export function nonNegativeArgument(value: number, name: string): string {
  const text = integerArgument(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${text}.`);
  return text;
}

/**
 * An amount or a limit (an integer from 0 to 2^62) as its exact decimal string: past 2^53,
 * `String(value)` would print rounded digits (`4611686018427388000` for 2^62).
 */
export function amountArgument(value: number, name: string): string {
  if (!isStoreAmount(value)) {
    throw new RangeError(
      `${name} must be an integer from 0 to 2^62, got ${String(value)}. Amounts and limits are integer nano-USD, tokens and requests.`,
    );
  }
  return value <= Number.MAX_SAFE_INTEGER ? String(value) : BigInt(value).toString();
}

/** `-1` for "never", else the non-negative integer expiry. */
export function expiryArgument(expiresAtMs: number | null, name: string): string {
  return expiresAtMs === null ? "-1" : nonNegativeArgument(expiresAtMs, name);
}
