import { finishUsage } from "./finish-usage.js";
import { readCount, readRecord } from "./read-count.js";
import type { Usage } from "./usage.js";

const SOURCE = "LangChain usage_metadata (fromLangChainUsage)";

/**
 * Normalizes LangChain's `AIMessage.usage_metadata` (`@langchain/core` `UsageMetadata`).
 * LangChain already reports totals the canonical way: `input_tokens` includes `cache_read` and
 * `cache_creation`, `output_tokens` includes `reasoning`. Details read:
 * `input_token_details.{cache_read, cache_creation, audio, image}`,
 * `output_token_details.{reasoning, audio}`, and, when an integration adds them (they are not
 * declared by `@langchain/core` 1.4), `input_token_details.ephemeral_5m_input_tokens` /
 * `ephemeral_1h_input_tokens` for the Anthropic 5-minute/1-hour write split.
 *
 * Not fixable here: Anthropic streams report one output token too many (the `output_tokens: 1`
 * of `message_start` is added to `message_delta`'s cumulative count), and with `n > 1` every
 * generation carries the whole response's usage; read one generation per prompt.
 *
 * @returns `undefined` when `input_tokens` or `output_tokens` is missing (the caller estimates).
 * @throws InvalidUsageError when a count is malformed or a part exceeds its total.
 */
export function fromLangChainUsage(usageMetadata: unknown): Usage | undefined {
  const usage = readRecord(usageMetadata);
  if (usage === undefined) return undefined;
  const inputTokens = readCount(usage.input_tokens, "input_tokens", SOURCE);
  const outputTokens = readCount(usage.output_tokens, "output_tokens", SOURCE);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const input = readRecord(usage.input_token_details);
  const output = readRecord(usage.output_token_details);
  const write5mTokens = readCount(
    input?.ephemeral_5m_input_tokens,
    "input_token_details.ephemeral_5m_input_tokens",
    SOURCE,
  );
  const write1hTokens = readCount(
    input?.ephemeral_1h_input_tokens,
    "input_token_details.ephemeral_1h_input_tokens",
    SOURCE,
  );
  let cacheWriteTokens = readCount(
    input?.cache_creation,
    "input_token_details.cache_creation",
    SOURCE,
  );
  if (write5mTokens !== undefined || write1hTokens !== undefined) {
    // Some integrations keep cache_creation as the whole, others leave only the remainder
    // beside the split: the larger of the two readings is the whole either way.
    cacheWriteTokens = Math.max(cacheWriteTokens ?? 0, (write5mTokens ?? 0) + (write1hTokens ?? 0));
  }
  return finishUsage(
    {
      inputTokens,
      cacheReadTokens: readCount(input?.cache_read, "input_token_details.cache_read", SOURCE),
      cacheWriteTokens,
      cacheWrite1hTokens: write1hTokens,
      inputAudioTokens: readCount(input?.audio, "input_token_details.audio", SOURCE),
      inputImageTokens: readCount(input?.image, "input_token_details.image", SOURCE),
      outputTokens,
      reasoningTokens: readCount(output?.reasoning, "output_token_details.reasoning", SOURCE),
      outputAudioTokens: readCount(output?.audio, "output_token_details.audio", SOURCE),
    },
    SOURCE,
  );
}
