import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import type { UsageField } from "./usage.js";

/** `Invalid usage from <source>: ` or `Invalid usage: `. */
function prefix(source: string | undefined): string {
  return source === undefined ? "Invalid usage: " : `Invalid usage from ${source}: `;
}

/** Renders a bad value for a message without throwing on odd inputs. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return String(value);
}

/**
 * The error for one count that is not a whole, non-negative, finite number of tokens.
 * `field` is the name as the source spells it (`cache_read_input_tokens`, `inputTokens`, …).
 */
export function invalidCountError(
  field: string,
  value: unknown,
  source: string | undefined,
): InvalidUsageError {
  let problem: string;
  if (value === undefined) {
    problem = `${field} is missing. Usage needs inputTokens and outputTokens as whole numbers of tokens, e.g. { inputTokens: 120, outputTokens: 40 }.`;
  } else if (typeof value !== "number") {
    problem = `${field} must be a number of tokens, got ${describeValue(value)}. Pass the counts as numbers, or pass the provider's usage object unchanged to its normalizer (fromOpenAIUsage, fromAnthropicUsage, …).`;
  } else if (Number.isNaN(value)) {
    problem = `${field} is NaN, which means the source reported no count. Treat the usage as unknown (every normalizer returns undefined for it) and estimate, instead of recording NaN.`;
  } else if (!Number.isFinite(value)) {
    problem = `${field} is ${value}. Token counts are finite whole numbers; check where this count was computed.`;
  } else if (value < 0) {
    problem = `${field} is negative (${value}). Token counts are never negative; check where this count was computed (a subtraction of cached tokens from a total that did not include them?).`;
  } else if (!Number.isInteger(value)) {
    problem = `${field} is ${value}, not a whole number. Token counts are integers; round an estimate before recording it.`;
  } else {
    problem = `${field} is ${value}, larger than Number.MAX_SAFE_INTEGER, so it cannot be counted exactly. Check where this count was computed.`;
  }
  return new InvalidUsageError({ field, value, message: prefix(source) + problem });
}

const PART_HINTS: Readonly<Record<string, string>> = {
  inputTokens:
    "inputTokens must count ALL input tokens, cached, audio and image ones included. If your source reports input without cache (Anthropic's input_tokens, AI SDK 5 Anthropic inputTokens), add cache reads and writes to it or use fromAnthropicUsage()/fromAiSdkUsage() with the provider.",
  outputTokens:
    "outputTokens must count ALL output tokens, reasoning and audio included. If your source reports reasoning apart (Google's candidatesTokenCount, AI SDK 5 Google outputTokens), add it to outputTokens or use fromGoogleUsage()/fromAiSdkUsage() with the provider.",
  cacheWriteTokens:
    "cacheWriteTokens counts all cache writes (5-minute and 1-hour); cacheWrite1hTokens is the 1-hour part of it, not an extra amount.",
};

/** The error for a part that does not fit inside its total. */
export function partTooLargeError(
  field: string,
  value: number,
  totalField: UsageField,
  total: number | undefined,
  source: string | undefined,
): InvalidUsageError {
  const totalText = total === undefined ? "absent, so 0" : String(total);
  return new InvalidUsageError({
    field,
    value,
    message: `${prefix(source)}${field} (${value}) is larger than ${totalField} (${totalText}). Parts are counted inside their totals, never added to them. ${PART_HINTS[totalField] ?? ""}`,
  });
}
