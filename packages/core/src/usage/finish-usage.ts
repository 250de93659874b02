import { checkUsage } from "./check-usage.js";
import type { Usage } from "./usage.js";
import { USAGE_PART_FIELDS, type UsageDraft } from "./usage-fields.js";

/**
 * Turns a normalizer's draft into a checked {@link Usage}: parts that are absent or 0 are left
 * out (a 0 part prices exactly like a missing one), then the result is validated with `source`
 * named in any error.
 *
 * @internal used by the normalizers.
 */
export function finishUsage(draft: UsageDraft, source: string): Usage {
  const usage: Usage = { inputTokens: draft.inputTokens, outputTokens: draft.outputTokens };
  for (const field of USAGE_PART_FIELDS) {
    const value = draft[field];
    if (value !== undefined && value !== 0) usage[field] = value;
  }
  if (draft.webSearchRequests !== undefined && draft.webSearchRequests !== 0) {
    usage.webSearchRequests = draft.webSearchRequests;
  }
  checkUsage(usage, source);
  return usage;
}
