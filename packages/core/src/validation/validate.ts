import { type Check, INVALID, type ValidationIssue } from "./check.js";
import { ValidationError } from "./validation-error.js";

/** Outcome of {@link validate}: the accepted value, or an error listing every issue. */
export type ValidationResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: ValidationError };

/** Runs `check` on `value` from the root (empty path) and collects every issue. */
export function validate<T>(check: Check<T>, value: unknown): ValidationResult<T> {
  const issues: ValidationIssue[] = [];
  const checked = check(value, [], issues);
  if (checked === INVALID || issues.length > 0) {
    return { ok: false, error: new ValidationError(issues) };
  }
  return { ok: true, value: checked };
}
