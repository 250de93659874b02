import type { CallOptionsLike } from "./model-shapes.js";

/**
 * The `providerOptions` / `providerMetadata` key of a provider as the AI SDK names it:
 * `openai.responses` → `openai`, `anthropic.messages` → `anthropic`, `google.generative-ai` →
 * `google`. OpenAI, Anthropic and Google's provider packages all take `serviceTier` under it
 * and answer with `serviceTier` under the same key of `providerMetadata`.
 */
function providerKey(provider: string): string {
  const dot = provider.indexOf(".");
  return dot === -1 ? provider : provider.slice(0, dot);
}

function serviceTierIn(bag: unknown, provider: string): string | undefined {
  if (typeof bag !== "object" || bag === null) return undefined;
  const entry = (bag as Record<string, unknown>)[providerKey(provider)];
  if (typeof entry !== "object" || entry === null) return undefined;
  const tier = (entry as Record<string, unknown>).serviceTier;
  return typeof tier === "string" && tier.length > 0 ? tier : undefined;
}

/** The tier a call asks for: `providerOptions.openai.serviceTier` (`flex`, `priority`, …). */
export function requestedServiceTier(
  params: Pick<CallOptionsLike, "providerOptions">,
  provider: string,
): string | undefined {
  return serviceTierIn(params.providerOptions, provider);
}

/** The tier the provider says it ran the call on: `providerMetadata.openai.serviceTier`. */
export function answeredServiceTier(
  providerMetadata: Readonly<Record<string, unknown>> | undefined,
  provider: string,
): string | undefined {
  return serviceTierIn(providerMetadata, provider);
}
