import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { checkUsage } from "./check-usage.js";
import type { Usage } from "./usage.js";
import { describeValue } from "./usage-errors.js";
import { isUsageField, USAGE_PART_FIELDS } from "./usage-fields.js";
import { usageKeyHint } from "./usage-key-hint.js";

/** Options of {@link validateUsage}. */
export interface ValidateUsageOptions {
  /** Where the usage came from, named in error messages (e.g. `ledger.record`). */
  source?: string;
}

function prefix(source: string | undefined): string {
  return source === undefined ? "Invalid usage: " : `Invalid usage from ${source}: `;
}

/**
 * Checks a canonical {@link Usage} and returns a clean copy (parts that are `undefined` dropped).
 *
 * Throws `InvalidUsageError` (with `field`, `value` and a message saying how to fix it) when a
 * total is missing or not a number; any count is negative, NaN, infinite, fractional or beyond
 * `Number.MAX_SAFE_INTEGER`; a part is larger than its total (`cacheReadTokens`,
 * `cacheWriteTokens`, `inputAudioTokens`, `inputImageTokens` and `cacheReadTokens +
 * cacheWriteTokens` ≤ `inputTokens`; `cacheWrite1hTokens` ≤ `cacheWriteTokens`;
 * `reasoningTokens`, `outputAudioTokens` ≤ `outputTokens`); or a key is unknown (a typo such as
 * `cachedInputTokens` would otherwise price cached tokens at the full input price), with a hint
 * naming the field or normalizer meant. Unknown keys whose value is `undefined` are ignored, and
 * `totalTokens` is accepted (and dropped) when it equals `inputTokens + outputTokens`.
 */
export function validateUsage(usage: unknown, options?: ValidateUsageOptions): Usage {
  const source = options?.source;
  if (typeof usage !== "object" || usage === null || Array.isArray(usage)) {
    throw new InvalidUsageError({
      field: "usage",
      value: usage,
      message: `${prefix(source)}expected an object like { inputTokens: 120, outputTokens: 40 }, got ${describeValue(usage)}.`,
    });
  }
  const record = usage as Record<string, unknown>;
  for (const key in record) {
    if (isUsageField(key) || key === "totalTokens" || record[key] === undefined) continue;
    throw new InvalidUsageError({
      field: key,
      value: record[key],
      message: `${prefix(source)}unknown field "${key}". ${usageKeyHint(key)}`,
    });
  }
  const clean = {
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
  } as Usage;
  for (const field of USAGE_PART_FIELDS) {
    const value = record[field];
    if (value !== undefined) clean[field] = value as number;
  }
  if (record.webSearchRequests !== undefined) {
    clean.webSearchRequests = record.webSearchRequests as number;
  }
  checkUsage(clean, source);
  const totalTokens = record.totalTokens;
  if (totalTokens !== undefined && totalTokens !== clean.inputTokens + clean.outputTokens) {
    throw new InvalidUsageError({
      field: "totalTokens",
      value: totalTokens,
      message: `${prefix(source)}totalTokens (${describeValue(totalTokens)}) is not inputTokens + outputTokens (${clean.inputTokens} + ${clean.outputTokens} = ${clean.inputTokens + clean.outputTokens}). Usage has no total of its own: remove totalTokens, and make inputTokens include cached tokens and outputTokens include reasoning tokens.`,
    });
  }
  return clean;
}
