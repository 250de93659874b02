import type { Usage } from "./usage.js";
import { USAGE_PART_FIELDS } from "./usage-fields.js";

/**
 * Adds two canonical usages field by field, exactly. A part present in either is kept (absent
 * counts as 0); a part absent in both stays absent. Both arguments are assumed valid (see
 * `validateUsage`); the sum of two valid usages is valid.
 */
export function addUsage(a: Usage, b: Usage): Usage {
  const sum: Usage = {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
  };
  for (const field of USAGE_PART_FIELDS) {
    const left = a[field];
    const right = b[field];
    if (left === undefined) {
      if (right !== undefined) sum[field] = right;
    } else {
      sum[field] = right === undefined ? left : left + right;
    }
  }
  return sum;
}
