import { type Check, INVALID } from "./check.js";
import { describeValue } from "./describe-value.js";
import { type Message, messageOf } from "./message.js";

/** Options of {@link number}. */
export interface NumberOptions {
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Replaces the default `must be a number ≥ 1, got 0.5`. */
  message?: Message;
}

/** Accepts a finite number (never `NaN` or ±`Infinity`), at least `min` when given. */
export function number(options: NumberOptions = {}): Check<number> {
  const { min } = options;
  return (value, path, issues) => {
    if (
      typeof value === "number" &&
      Number.isFinite(value) &&
      (min === undefined || value >= min)
    ) {
      return value;
    }
    const expected = min === undefined ? "a finite number" : `a number ≥ ${min}`;
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
