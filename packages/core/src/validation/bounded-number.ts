import { type Check, INVALID } from "./check.js";
import { describeValue } from "./describe-value.js";
import { type Message, messageOf } from "./message.js";

/** Options shared by the numeric checks. */
export interface BoundedNumberOptions {
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** Replaces the default message (`must be a whole number ≥ 0, got 1.5`). */
  message?: Message;
}

/**
 * A check for the numbers `accepts` approves, at least `min` when given. `names` says what is
 * expected in the default message: `any` without a minimum, `bounded` before `≥ min`.
 */
export function boundedNumber(
  accepts: (value: unknown) => boolean,
  names: { any: string; bounded: string },
  options: BoundedNumberOptions,
): Check<number> {
  const { min } = options;
  return (value, path, issues) => {
    if (accepts(value) && (min === undefined || (value as number) >= min)) return value as number;
    const expected = min === undefined ? names.any : `${names.bounded} ≥ ${min}`;
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
