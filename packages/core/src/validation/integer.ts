import { type Check, INVALID } from "./check.js";
import { describeValue } from "./describe-value.js";
import { type Message, messageOf } from "./message.js";

/** Options of {@link integer}. */
export interface IntegerOptions {
  /** Smallest accepted value (inclusive): 0 for "non-negative", 1 for "positive". */
  min?: number;
  /** Replaces the default `must be a whole number ≥ 0, got 1.5`. */
  message?: Message;
}

/** Accepts a safe integer (`Number.isSafeInteger`), at least `min` when given. */
export function integer(options: IntegerOptions = {}): Check<number> {
  const { min } = options;
  return (value, path, issues) => {
    if (Number.isSafeInteger(value) && (min === undefined || (value as number) >= min)) {
      return value as number;
    }
    const expected = min === undefined ? "a whole number" : `a whole number ≥ ${min}`;
    issues.push({
      path,
      message: messageOf(
        options.message ?? `must be ${expected}, got ${describeValue(value)}`,
        value,
      ),
    });
    return INVALID;
  };
}
