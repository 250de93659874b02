import { type BoundedNumberOptions, boundedNumber } from "./bounded-number.js";
import type { Check } from "./check.js";

/** Options of {@link number}. */
export type NumberOptions = BoundedNumberOptions;

const names = { any: "a finite number", bounded: "a number" };

const isFiniteNumber = (value: unknown): boolean =>
  typeof value === "number" && Number.isFinite(value);

/** Accepts a finite number (never `NaN` or ±`Infinity`), at least `min` when given. */
export function number(options: NumberOptions = {}): Check<number> {
  return boundedNumber(isFiniteNumber, names, options);
}
