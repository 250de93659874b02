/**
 * Whose tokenizer a model uses. `openai` models are counted exactly with their own encoding;
 * every other family is counted with `o200k_base` and scaled by a learned correction factor.
 * A family is about the model, not the host: Claude on Bedrock is `anthropic`, Llama on Groq
 * is `meta`.
 */
export type TokenizerFamily =
  | "openai"
  | "anthropic"
  | "google"
  | "mistral"
  | "meta"
  | "deepseek"
  | "xai"
  | "cohere"
  | "qwen"
  | "unknown";

/** Model-id patterns, tested in order against the lowercased id (with any prefix). */
const modelPatterns: readonly (readonly [TokenizerFamily, RegExp])[] = [
  ["anthropic", /claude/],
  ["google", /gemini|gemma|palm|bison/],
  ["mistral", /mistral|mixtral|codestral|ministral|magistral|pixtral|devstral|voxtral/],
  ["meta", /llama/],
  ["deepseek", /deepseek/],
  ["xai", /grok/],
  ["cohere", /command-|c4ai/],
  ["qwen", /qwen|qwq/],
  [
    "openai",
    /(?:^|[^a-z0-9])(?:gpt-|chatgpt|o[134](?:$|-)|text-embedding|codex-mini|omni-moderation|(?:text-)?(?:davinci|babbage|ada|curie))/,
  ],
];

/** Provider-name patterns (AI SDK provider ids, LangChain `ls_provider`, gateway prefixes). */
const providerPatterns: readonly (readonly [TokenizerFamily, RegExp])[] = [
  ["anthropic", /anthropic/],
  ["google", /google|vertex|gemini/],
  ["mistral", /mistral/],
  ["deepseek", /deepseek/],
  ["xai", /xai|grok/],
  ["cohere", /cohere/],
  ["qwen", /qwen|alibaba|dashscope/],
  ["openai", /openai|azure/],
];

/**
 * The tokenizer family of a model. The model id decides first (`anthropic/claude-…` routed
 * through an OpenAI-compatible provider is still `anthropic`); the provider name is the
 * fallback for ids that say nothing (`my-finetune`).
 *
 * @example
 * tokenizerFamily("claude-sonnet-4-5");                 // "anthropic"
 * tokenizerFamily("us.anthropic.claude-3-haiku-v1:0");  // "anthropic"
 * tokenizerFamily("my-model", "google.generative-ai");  // "google"
 */
export function tokenizerFamily(model?: string, provider?: string): TokenizerFamily {
  if (model !== undefined && model !== "") {
    const id = model.toLowerCase();
    for (const [family, pattern] of modelPatterns) if (pattern.test(id)) return family;
  }
  if (provider !== undefined && provider !== "") {
    const name = provider.toLowerCase();
    for (const [family, pattern] of providerPatterns) if (pattern.test(name)) return family;
  }
  return "unknown";
}
