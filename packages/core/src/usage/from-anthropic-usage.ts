import { finishUsage } from "./finish-usage.js";
import { readCount, readRecord } from "./read-count.js";
import type { Usage } from "./usage.js";

const SOURCE = "Anthropic usage (fromAnthropicUsage)";

/**
 * Normalizes Anthropic's Messages API `usage`. Anthropic's `input_tokens` EXCLUDES cache reads
 * and writes, so `inputTokens = input_tokens + cache_read_input_tokens +
 * cache_creation_input_tokens`. The 1-hour share of the writes comes from
 * `cache_creation.ephemeral_1h_input_tokens`. `output_tokens` already includes extended
 * thinking; `output_tokens_details.thinking_tokens` becomes `reasoningTokens` when sent.
 *
 * Pass the usage of the final message (`message.usage`, or the stream's merged final message),
 * not a single `message_delta` event, which has no input count.
 *
 * @returns `undefined` when `input_tokens` or `output_tokens` is missing (the caller estimates).
 * @throws InvalidUsageError when a count is malformed or a part exceeds its total.
 */
export function fromAnthropicUsage(raw: unknown): Usage | undefined {
  const usage = readRecord(raw);
  if (usage === undefined) return undefined;
  const uncachedInputTokens = readCount(usage.input_tokens, "input_tokens", SOURCE);
  const outputTokens = readCount(usage.output_tokens, "output_tokens", SOURCE);
  if (uncachedInputTokens === undefined || outputTokens === undefined) return undefined;
  const cacheReadTokens = readCount(
    usage.cache_read_input_tokens,
    "cache_read_input_tokens",
    SOURCE,
  );
  const split = readRecord(usage.cache_creation);
  const write5mTokens = readCount(
    split?.ephemeral_5m_input_tokens,
    "cache_creation.ephemeral_5m_input_tokens",
    SOURCE,
  );
  const write1hTokens = readCount(
    split?.ephemeral_1h_input_tokens,
    "cache_creation.ephemeral_1h_input_tokens",
    SOURCE,
  );
  let cacheWriteTokens = readCount(
    usage.cache_creation_input_tokens,
    "cache_creation_input_tokens",
    SOURCE,
  );
  if (
    cacheWriteTokens === undefined &&
    (write5mTokens !== undefined || write1hTokens !== undefined)
  ) {
    cacheWriteTokens = (write5mTokens ?? 0) + (write1hTokens ?? 0);
  }
  const thinkingTokens = readCount(
    readRecord(usage.output_tokens_details)?.thinking_tokens,
    "output_tokens_details.thinking_tokens",
    SOURCE,
  );
  return finishUsage(
    {
      inputTokens: uncachedInputTokens + (cacheReadTokens ?? 0) + (cacheWriteTokens ?? 0),
      cacheReadTokens,
      cacheWriteTokens,
      cacheWrite1hTokens: write1hTokens,
      outputTokens,
      reasoningTokens: thinkingTokens,
    },
    SOURCE,
  );
}
