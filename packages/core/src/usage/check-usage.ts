import type { Usage } from "./usage.js";
import { invalidCountError, partTooLargeError } from "./usage-errors.js";
import { USAGE_PART_FIELDS, USAGE_PART_PARENT } from "./usage-fields.js";

/** True for a whole, non-negative, exactly representable number of tokens. */
export function isTokenCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Throws `InvalidUsageError` unless every present field of `usage` is a valid count and
 * every part fits inside its total. Reads only the known fields; the caller handles other keys.
 *
 * @internal shared by `validateUsage` and the normalizers.
 */
export function checkUsage(usage: Usage, source: string | undefined): void {
  if (!isTokenCount(usage.inputTokens)) {
    throw invalidCountError("inputTokens", usage.inputTokens, source);
  }
  if (!isTokenCount(usage.outputTokens)) {
    throw invalidCountError("outputTokens", usage.outputTokens, source);
  }
  for (const field of USAGE_PART_FIELDS) {
    const value = usage[field];
    if (value !== undefined && !isTokenCount(value)) throw invalidCountError(field, value, source);
  }
  if (usage.webSearchRequests !== undefined && !isTokenCount(usage.webSearchRequests)) {
    throw invalidCountError("webSearchRequests", usage.webSearchRequests, source);
  }
  for (const field of USAGE_PART_FIELDS) {
    const value = usage[field];
    if (value === undefined) continue;
    const totalField = USAGE_PART_PARENT[field];
    const total = usage[totalField];
    if (value > (total ?? 0)) throw partTooLargeError(field, value, totalField, total, source);
  }
  const cacheReadTokens = usage.cacheReadTokens ?? 0;
  const cacheWriteTokens = usage.cacheWriteTokens ?? 0;
  if (cacheReadTokens + cacheWriteTokens > usage.inputTokens) {
    throw partTooLargeError(
      "cacheReadTokens + cacheWriteTokens",
      cacheReadTokens + cacheWriteTokens,
      "inputTokens",
      usage.inputTokens,
      source,
    );
  }
}
