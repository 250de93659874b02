/** Provider families whose AI SDK usage needs a correction. */
export type AiSdkProviderFamily = "anthropic" | "google" | "openai" | "other";

/**
 * The family of an AI SDK `model.provider` string: `anthropic.messages` and
 * `vertex.anthropic.messages` → anthropic; `google.generative-ai` and `google.vertex.chat` →
 * google; `openai.chat`, `openai.responses` → openai; anything else (`gateway`, `azure.*`, …) →
 * other. The AI Gateway reports cache-inclusive input for every upstream provider, so it needs
 * no correction.
 *
 * @internal used by `fromAiSdkUsage`.
 */
export function aiSdkProviderFamily(provider: string | undefined): AiSdkProviderFamily {
  if (provider === undefined) return "other";
  if (provider.includes("anthropic")) return "anthropic";
  if (provider.startsWith("google")) return "google";
  if (provider.startsWith("openai")) return "openai";
  return "other";
}
