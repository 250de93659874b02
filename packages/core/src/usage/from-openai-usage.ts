import { finishUsage } from "./finish-usage.js";
import { readCount, readRecord } from "./read-count.js";
import type { Usage } from "./usage.js";

const SOURCE = "OpenAI usage (fromOpenAIUsage)";

/**
 * Normalizes OpenAI's `usage` object. Accepts the three shapes OpenAI sends:
 *
 * - Chat Completions: `prompt_tokens`, `completion_tokens`,
 *   `prompt_tokens_details.{cached_tokens, audio_tokens}`,
 *   `completion_tokens_details.{reasoning_tokens, audio_tokens}`;
 * - Responses (and Realtime): `input_tokens`, `output_tokens`,
 *   `input_tokens_details.{cached_tokens, audio_tokens, image_tokens}`,
 *   `output_tokens_details.{reasoning_tokens, audio_tokens}`;
 * - Embeddings: `{ prompt_tokens, total_tokens }` (output 0).
 *
 * OpenAI's input counts include cached tokens and its output counts include reasoning, so the
 * details map straight onto parts. `cache_write_tokens` in the input details is read when sent.
 *
 * @returns `undefined` when the payload carries no input or output count (the caller estimates).
 * @throws InvalidUsageError when a count is malformed or a part exceeds its total.
 */
export function fromOpenAIUsage(raw: unknown): Usage | undefined {
  const usage = readRecord(raw);
  if (usage === undefined) return undefined;
  const promptTokens = readCount(usage.prompt_tokens, "prompt_tokens", SOURCE);
  if (promptTokens !== undefined) return fromChatCompletionsUsage(usage, promptTokens);
  const inputTokens = readCount(usage.input_tokens, "input_tokens", SOURCE);
  const outputTokens = readCount(usage.output_tokens, "output_tokens", SOURCE);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const inputDetails = readRecord(usage.input_tokens_details ?? usage.input_token_details);
  const outputDetails = readRecord(usage.output_tokens_details ?? usage.output_token_details);
  return finishUsage(
    {
      inputTokens,
      cacheReadTokens: readCount(
        inputDetails?.cached_tokens,
        "input_tokens_details.cached_tokens",
        SOURCE,
      ),
      cacheWriteTokens: readCount(
        inputDetails?.cache_write_tokens,
        "input_tokens_details.cache_write_tokens",
        SOURCE,
      ),
      inputAudioTokens: readCount(
        inputDetails?.audio_tokens,
        "input_tokens_details.audio_tokens",
        SOURCE,
      ),
      inputImageTokens: readCount(
        inputDetails?.image_tokens,
        "input_tokens_details.image_tokens",
        SOURCE,
      ),
      outputTokens,
      reasoningTokens: readCount(
        outputDetails?.reasoning_tokens,
        "output_tokens_details.reasoning_tokens",
        SOURCE,
      ),
      outputAudioTokens: readCount(
        outputDetails?.audio_tokens,
        "output_tokens_details.audio_tokens",
        SOURCE,
      ),
    },
    SOURCE,
  );
}

function fromChatCompletionsUsage(
  usage: Readonly<Record<string, unknown>>,
  inputTokens: number,
): Usage | undefined {
  let outputTokens = readCount(usage.completion_tokens, "completion_tokens", SOURCE);
  if (outputTokens === undefined) {
    // Embeddings send { prompt_tokens, total_tokens } with total === prompt: no output at all.
    const totalTokens = readCount(usage.total_tokens, "total_tokens", SOURCE);
    if (totalTokens !== inputTokens) return undefined;
    outputTokens = 0;
  }
  const inputDetails = readRecord(usage.prompt_tokens_details);
  const outputDetails = readRecord(usage.completion_tokens_details);
  return finishUsage(
    {
      inputTokens,
      cacheReadTokens: readCount(
        inputDetails?.cached_tokens,
        "prompt_tokens_details.cached_tokens",
        SOURCE,
      ),
      cacheWriteTokens: readCount(
        inputDetails?.cache_write_tokens,
        "prompt_tokens_details.cache_write_tokens",
        SOURCE,
      ),
      inputAudioTokens: readCount(
        inputDetails?.audio_tokens,
        "prompt_tokens_details.audio_tokens",
        SOURCE,
      ),
      outputTokens,
      reasoningTokens: readCount(
        outputDetails?.reasoning_tokens,
        "completion_tokens_details.reasoning_tokens",
        SOURCE,
      ),
      outputAudioTokens: readCount(
        outputDetails?.audio_tokens,
        "completion_tokens_details.audio_tokens",
        SOURCE,
      ),
    },
    SOURCE,
  );
}
