/**
 * The one canonical usage shape (contract). Totals are totals; parts are *inside* their totals
 * and never add to them:
 *
 * - `cacheReadTokens`, `cacheWriteTokens`, `inputAudioTokens`, `inputImageTokens` ⊆ `inputTokens`
 * - `cacheWrite1hTokens` ⊆ `cacheWriteTokens`
 * - `reasoningTokens`, `outputAudioTokens` ⊆ `outputTokens`
 */
export interface Usage {
  /** ALL input tokens, cached ones included. */
  inputTokens: number;
  /** Part of `inputTokens` read from the provider's prompt cache. */
  cacheReadTokens?: number;
  /** Part of `inputTokens` written to the prompt cache (5-minute writes unless split below). */
  cacheWriteTokens?: number;
  /** Part of `cacheWriteTokens` billed as 1-hour writes where a provider prices them apart. */
  cacheWrite1hTokens?: number;
  /** ALL output tokens, reasoning included. */
  outputTokens: number;
  /** Part of `outputTokens` spent on reasoning/thinking. */
  reasoningTokens?: number;
  /** Part of `inputTokens` that is audio. */
  inputAudioTokens?: number;
  /** Part of `inputTokens` that is images. */
  inputImageTokens?: number;
  /** Part of `outputTokens` that is audio. */
  outputAudioTokens?: number;
  /**
   * Web-search requests the provider billed for this call (OpenAI web search calls, Anthropic
   * `server_tool_use.web_search_requests`, Google grounded prompts). A count of requests, not
   * tokens: not part of any total. Priced where the catalog prices web searches.
   */
  webSearchRequests?: number;
}

/** Every numeric field of {@link Usage}. */
export type UsageField = keyof Usage;
