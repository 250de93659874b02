import type { ValidationIssue } from "./check.js";
import { formatIssues } from "./format-issues.js";

/**
 * Every issue a validation found. Thrown by nothing: the `cause` of the `InvalidConfigError` /
 * `InvalidPriceError` a factory throws, for code that wants the issues one by one.
 */
export class ValidationError extends Error {
  /** The problems, in the order the checks met them. */
  readonly issues: readonly ValidationIssue[];

  constructor(issues: readonly ValidationIssue[]) {
    super(formatIssues(issues, "(value)"));
    this.name = "ValidationError";
    this.issues = issues;
  }
}
