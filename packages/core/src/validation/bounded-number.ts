import { type Check, INVALID } from "./check.js";
import { describeValue } from "./describe-value.js";
import { type Message, messageOf } from "./message.js";

/** Options shared by the numeric checks. */
export interface BoundedNumberOptions {
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Largest accepted value (inclusive). */
  max?: number;
  /** Replaces the default message (`must be a whole number ≥ 0, got 1.5`). */
  message?: Message;
}

/**
 * A check for the numbers `accepts` approves, within `min`..`max` when given. `names` says what
 * is expected in the default message: `any` without bounds, `bounded` before the bounds.
 */
export function boundedNumber(
  accepts: (value: unknown) => boolean,
  names: { any: string; bounded: string },
  options: BoundedNumberOptions,
): Check<number> {
  const { min, max } = options;
  const bounds = [
    min === undefined ? "" : `≥ ${min}`,
    max === undefined ? "" : `≤ ${max.toLocaleString("en-US")}`,
  ]
    .filter((bound) => bound !== "")
    .join(" and ");
  const expected = bounds === "" ? names.any : `${names.bounded} ${bounds}`;
  return (value, path, issues) => {
    const number = value as number;
    if (
      accepts(value) &&
      (min === undefined || number >= min) &&
      (max === undefined || number <= max)
    ) {
      return number;
    }
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
