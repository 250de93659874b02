/** Provider name of the Vercel AI Gateway: its model ids are `provider/model`. */
export const GATEWAY_PROVIDER = "gateway";

/**
 * Providers that run models locally: a price is never borrowed from another provider for
 * them (a local Llama is not billed at a cloud's price). Add one with `prices`.
 */
export const LOCAL_PROVIDERS: ReadonlySet<string> = new Set(["ollama", "lmstudio", "llamacpp"]);

/**
 * Names frameworks and users give providers, mapped to catalog provider ids. Keys are lower
 * case. AI SDK names (`openai.responses`, `google.vertex.chat`) not listed exactly are looked up
 * by their first dotted segment; LangChain's `ls_provider` values are listed as they are.
 */
const PROVIDER_ALIASES: ReadonlyMap<string, string> = new Map([
  // OpenAI (AI SDK: openai.responses, openai.chat, openai.completion, openai.embedding, …)
  ["openai", "openai"],
  // Anthropic (AI SDK: anthropic.messages)
  ["anthropic", "anthropic"],
  // Google Gemini API and Vertex AI (AI SDK: google.generative-ai, google.vertex.*, vertex.anthropic.*)
  ["google", "google"],
  ["google_genai", "google"],
  ["google-genai", "google"],
  ["google_vertexai", "google"],
  ["google-vertex", "google"],
  ["vertex", "google"],
  ["vertexai", "google"],
  ["gemini", "google"],
  // Azure OpenAI / Azure AI (AI SDK: azure.chat, azure.responses, …)
  ["azure", "azure"],
  ["azure_openai", "azure"],
  ["azure-openai", "azure"],
  ["azure_ai", "azure"],
  // Amazon Bedrock
  ["bedrock", "aws"],
  ["amazon-bedrock", "aws"],
  ["amazon_bedrock", "aws"],
  ["bedrock_converse", "aws"],
  ["aws", "aws"],
  ["amazon", "aws"],
  // Others: AI SDK names and LangChain ls_provider values
  ["mistral", "mistral"],
  ["mistralai", "mistral"],
  ["groq", "groq"],
  ["xai", "x-ai"],
  ["x-ai", "x-ai"],
  ["deepseek", "deepseek"],
  ["fireworks", "fireworks"],
  ["fireworks-ai", "fireworks"],
  ["fireworks_ai", "fireworks"],
  ["together", "together"],
  ["togetherai", "together"],
  ["together-ai", "together"],
  ["together_ai", "together"],
  ["cohere", "cohere"],
  ["perplexity", "perplexity"],
  ["cerebras", "cerebras"],
  ["openrouter", "openrouter"],
  ["moonshot", "moonshotai"],
  ["moonshotai", "moonshotai"],
  ["voyage", "voyageai"],
  ["voyageai", "voyageai"],
  ["zhipu", "zhipuai"],
  ["zhipuai", "zhipuai"],
  ["minimax", "minimax"],
  [GATEWAY_PROVIDER, GATEWAY_PROVIDER],
  ...[...LOCAL_PROVIDERS].map((name): [string, string] => [name, name]),
]);

/**
 * The catalog-level name of a provider as frameworks name it: `openai.responses` → `openai`,
 * `google.vertex.chat` → `google`, `bedrock` → `aws`, `xai` → `x-ai`, `google_genai` → `google`.
 * Returns `undefined` for a name it does not know (the catalog then tries its own provider ids
 * and match rules).
 */
export function providerAlias(lowerName: string): string | undefined {
  const exact = PROVIDER_ALIASES.get(lowerName);
  if (exact !== undefined) return exact;
  const dot = lowerName.indexOf(".");
  return dot > 0 ? PROVIDER_ALIASES.get(lowerName.slice(0, dot)) : undefined;
}

/** True for a provider name listed exactly (no dotted-prefix guess): safe to split `x:model` on. */
export function isExactProviderAlias(lowerName: string): boolean {
  return PROVIDER_ALIASES.has(lowerName);
}

/**
 * What follows the provider in an AI SDK provider name (`openai.responses`, `google.vertex.chat`,
 * `vertex.anthropic.messages`, `azure.chat`, `xai.chat`, `mistral.embedding`).
 */
const AI_SDK_API_SEGMENTS: ReadonlySet<string> = new Set([
  "responses",
  "chat",
  "completion",
  "embedding",
  "textembedding",
  "image",
  "transcription",
  "speech",
  "messages",
  "generative-ai",
  "vertex",
  "anthropic",
  "converse",
]);

/**
 * True for an AI SDK provider name: a provider listed exactly, followed by API segments
 * (`openai.responses`, `google.vertex.chat`). Never true for a Bedrock model id such as
 * `anthropic.claude-sonnet-4-5-20250929-v1`, so `provider:model` splits only on real names.
 */
export function isAiSdkProviderName(lowerName: string): boolean {
  const segments = lowerName.split(".");
  if (segments.length < 2 || !PROVIDER_ALIASES.has(segments[0] ?? "")) return false;
  return segments.slice(1).every((segment) => AI_SDK_API_SEGMENTS.has(segment));
}
