import { finishUsage } from "./finish-usage.js";
import { readCount, readRecord } from "./read-count.js";
import { readWebSearchRequests } from "./read-web-search-requests.js";
import type { Usage } from "./usage.js";
import type { UsageDraft } from "./usage-fields.js";

const SOURCE = "raw provider usage (supplementUsage)";

/**
 * Fills the parts a framework left out of `usage` from the provider's own raw usage object
 * (LangChain's `response_metadata.usage`, AI SDK `usage.raw`), never changing a total:
 *
 * - Anthropic `cache_creation.ephemeral_1h_input_tokens` → `cacheWrite1hTokens` (the share of
 *   `cacheWriteTokens` billed at the 1-hour write price; without it, priced as 5-minute writes);
 * - Anthropic `output_tokens_details.thinking_tokens` → `reasoningTokens`;
 * - OpenAI `input_tokens_details.cache_write_tokens` / `prompt_tokens_details.cache_write_tokens`
 *   → `cacheWriteTokens`;
 * - Anthropic `server_tool_use.web_search_requests` → `webSearchRequests`.
 *
 * A part the framework already reports wins; a raw part larger than its total is capped at
 * the total (the raw object may describe only one step of a stream).
 *
 * @throws InvalidUsageError when a raw count is malformed.
 */
export function supplementUsage(usage: Usage, raw: unknown): Usage {
  const record = readRecord(raw);
  if (record === undefined) return usage;
  const draft: UsageDraft = { ...usage };
  const split = readRecord(record.cache_creation);
  const write1hTokens = readCount(
    split?.ephemeral_1h_input_tokens,
    "cache_creation.ephemeral_1h_input_tokens",
    SOURCE,
  );
  if (draft.cacheWrite1hTokens === undefined && write1hTokens !== undefined) {
    draft.cacheWrite1hTokens = Math.min(write1hTokens, draft.cacheWriteTokens ?? 0);
  }
  const thinkingTokens = readCount(
    readRecord(record.output_tokens_details)?.thinking_tokens,
    "output_tokens_details.thinking_tokens",
    SOURCE,
  );
  if (draft.reasoningTokens === undefined && thinkingTokens !== undefined) {
    draft.reasoningTokens = Math.min(thinkingTokens, draft.outputTokens);
  }
  const inputDetails = readRecord(record.input_tokens_details ?? record.prompt_tokens_details);
  const cacheWriteTokens = readCount(
    inputDetails?.cache_write_tokens,
    "input_tokens_details.cache_write_tokens",
    SOURCE,
  );
  if (draft.cacheWriteTokens === undefined && cacheWriteTokens !== undefined) {
    const uncached = draft.inputTokens - (draft.cacheReadTokens ?? 0);
    draft.cacheWriteTokens = Math.min(cacheWriteTokens, Math.max(uncached, 0));
  }
  draft.webSearchRequests ??= readWebSearchRequests(record, "usage", SOURCE);
  return finishUsage(draft, SOURCE);
}
