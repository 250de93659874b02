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

/** A non-negative integer as a decimal string. */
export function amountArgument(value: number, name: string): string {
  const text = integerArgument(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${text}.`);
  return text;
}

/** `-1` for "never", else the non-negative integer expiry. */
export function expiryArgument(expiresAtMs: number | null, name: string): string {
  return expiresAtMs === null ? "-1" : amountArgument(expiresAtMs, name);
}
