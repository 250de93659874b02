import { finishUsage } from "./finish-usage.js";
import { readCount, readRecord } from "./read-count.js";
import type { Usage } from "./usage.js";

const SOURCE = "AI SDK embedding usage (fromAiSdkEmbeddingUsage)";

/**
 * Normalizes an AI SDK embedding usage `{ tokens }` (every major) to `{ inputTokens: tokens,
 * outputTokens: 0 }`.
 *
 * @returns `undefined` when the usage or `tokens` is missing or `NaN` (the SDK's value when a
 * provider such as Google reports nothing), so the caller estimates.
 * @throws InvalidUsageError when `tokens` is negative, fractional or not a number.
 */
export function fromAiSdkEmbeddingUsage(usage: unknown): Usage | undefined {
  const tokens = readCount(readRecord(usage)?.tokens, "tokens", SOURCE);
  if (tokens === undefined) return undefined;
  return finishUsage({ inputTokens: tokens, outputTokens: 0 }, SOURCE);
}
