import type { ValidationIssue } from "./check.js";
import { formatPath } from "./format-path.js";

/**
 * Issues on one line, `path: message` joined by `; `, e.g.
 * `failMode: must be one of "closed", "open", got "maybe"; holdTtlMs: must be …`.
 * An issue about the value itself is labelled `rootLabel`.
 */
export function formatIssues(issues: readonly ValidationIssue[], rootLabel = "(options)"): string {
  return issues
    .map((issue) => `${formatPath(issue.path) || rootLabel}: ${issue.message}`)
    .join("; ");
}
