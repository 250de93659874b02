import { type BoundedNumberOptions, boundedNumber } from "./bounded-number.js";
import type { Check } from "./check.js";

/** Options of {@link integer}: `min` 0 for "non-negative", 1 for "positive". */
export type IntegerOptions = BoundedNumberOptions;

const names = { any: "a whole number", bounded: "a whole number" };

/** Accepts a safe integer (`Number.isSafeInteger`), at least `min` when given. */
export function integer(options: IntegerOptions = {}): Check<number> {
  return boundedNumber(Number.isSafeInteger, names, options);
}
