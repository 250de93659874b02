const RENAMES: Readonly<Record<string, string>> = {
  cachedInputTokens: "cacheReadTokens",
  cachedTokens: "cacheReadTokens",
  cacheReadInputTokens: "cacheReadTokens",
  cacheCreationInputTokens: "cacheWriteTokens",
  cacheCreationTokens: "cacheWriteTokens",
  cacheWriteInputTokens: "cacheWriteTokens",
  cacheWrite5mTokens: "cacheWriteTokens",
  promptTokens: "inputTokens",
  completionTokens: "outputTokens",
  reasoningOutputTokens: "reasoningTokens",
  thinkingTokens: "reasoningTokens",
};

const AI_SDK_KEYS = new Set(["inputTokenDetails", "outputTokenDetails", "raw"]);
const RAW_KEYS = new Set([
  "input_tokens",
  "output_tokens",
  "prompt_tokens",
  "completion_tokens",
  "total_tokens",
  "cache_read_input_tokens",
  "cache_creation_input_tokens",
  "input_token_details",
  "output_token_details",
  "promptTokenCount",
  "candidatesTokenCount",
]);

/**
 * How to fix an unknown key found in a usage object: the canonical field it probably means, or
 * the normalizer that reads the payload it came from.
 */
export function usageKeyHint(key: string): string {
  const rename = Object.hasOwn(RENAMES, key) ? RENAMES[key] : undefined;
  if (rename !== undefined) {
    return `Did you mean ${rename}? Note that every part is counted inside its total (cacheReadTokens and cacheWriteTokens inside inputTokens, reasoningTokens inside outputTokens).`;
  }
  if (AI_SDK_KEYS.has(key)) {
    return "This looks like an AI SDK usage object: convert it with fromAiSdkUsage(usage, { provider }).";
  }
  if (RAW_KEYS.has(key)) {
    return "This looks like a raw provider or LangChain payload: convert it with fromOpenAIUsage, fromAnthropicUsage, fromGoogleUsage or fromLangChainUsage.";
  }
  return "Known fields: inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens, cacheWrite1hTokens, reasoningTokens, inputAudioTokens, inputImageTokens, outputAudioTokens.";
}
