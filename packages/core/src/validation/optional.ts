import type { Check } from "./check.js";

/** Accepts `undefined` (an absent key) as well as whatever `check` accepts. */
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return (value, path, issues) => (value === undefined ? undefined : check(value, path, issues));
}
