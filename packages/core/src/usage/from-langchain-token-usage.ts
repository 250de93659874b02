import { finishUsage } from "./finish-usage.js";
import { readCount, readRecord } from "./read-count.js";
import type { Usage } from "./usage.js";

const SOURCE = "LangChain llmOutput.tokenUsage (fromLangChainTokenUsage)";

/**
 * Normalizes LangChain's legacy `llmOutput.tokenUsage` (`{ promptTokens, completionTokens,
 * totalTokens }`), the only usage a text-completion `BaseLLM` reports. It has no cache or
 * reasoning details; prefer `fromLangChainUsage(message.usage_metadata)` when a message exists.
 * Do not pass `llmOutput.estimatedTokenUsage`: on Chat Completions it is a local guess.
 *
 * @returns `undefined` when `promptTokens` or `completionTokens` is missing (e.g. the `{}` that
 * LangChain leaves on every run but the first of a batch), so the caller estimates.
 * @throws InvalidUsageError when a count is malformed.
 */
export function fromLangChainTokenUsage(tokenUsage: unknown): Usage | undefined {
  const usage = readRecord(tokenUsage);
  if (usage === undefined) return undefined;
  const inputTokens = readCount(usage.promptTokens, "promptTokens", SOURCE);
  const outputTokens = readCount(usage.completionTokens, "completionTokens", SOURCE);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  return finishUsage({ inputTokens, outputTokens }, SOURCE);
}
