import type { AiSdkProviderFamily } from "./ai-sdk-provider-family.js";
import { applyGoogleUsageMetadata } from "./apply-google-usage-metadata.js";
import { finishUsage } from "./finish-usage.js";
import { readCount, readRecord } from "./read-count.js";
import { readWebSearchRequests } from "./read-web-search-requests.js";
import type { Usage } from "./usage.js";
import type { UsageDraft } from "./usage-fields.js";

/** The counts of an AI SDK 5 (LanguageModelV2) flat usage, already read. @internal */
export interface AiSdkFlatCounts {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  /** `cachedInputTokens`. */
  cacheReadTokens: number | undefined;
  reasoningTokens: number | undefined;
}

/**
 * Normalizes AI SDK 5 flat usage, correcting the providers that break the canonical meaning:
 *
 * - Anthropic: `inputTokens` EXCLUDES cache reads and writes. Reads (`cachedInputTokens`) and
 *   writes (`providerMetadata.anthropic.cacheCreationInputTokens`) are added back; the 1-hour
 *   share comes from `providerMetadata.anthropic.usage.cache_creation.ephemeral_1h_input_tokens`
 *   and thinking tokens (which ai@5 leaves out of `reasoningTokens`) from
 *   `providerMetadata.anthropic.usage.output_tokens_details.thinking_tokens`; web searches from
 *   `providerMetadata.anthropic.usage.server_tool_use.web_search_requests`.
 * - Google: `outputTokens` EXCLUDES `reasoningTokens`, which are added; tool-use prompt tokens
 *   and modality parts come from the HTTP body's `usageMetadata` (`rawUsage`) when given, else
 *   from `providerMetadata.google.usageMetadata` (whose schema drops `toolUsePromptTokenCount`).
 * - OpenAI: cache writes, when the API reports them, come from
 *   `providerMetadata.openai.usage.cacheWriteTokens` (already inside `inputTokens`).
 *
 * @internal used by `fromAiSdkUsage`.
 */
export function fromAiSdkFlatCounts(
  counts: AiSdkFlatCounts,
  family: AiSdkProviderFamily,
  providerMetadata: unknown,
  source: string,
  rawUsage?: unknown,
): Usage | undefined {
  const { inputTokens, outputTokens, cacheReadTokens, reasoningTokens } = counts;
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const draft: UsageDraft = { inputTokens, cacheReadTokens, outputTokens, reasoningTokens };
  const metadata = readRecord(providerMetadata);
  if (family === "anthropic") {
    const anthropic = readRecord(metadata?.anthropic);
    const raw = readRecord(anthropic?.usage);
    const cacheWriteTokens =
      readCount(
        anthropic?.cacheCreationInputTokens,
        "providerMetadata.anthropic.cacheCreationInputTokens",
        source,
      ) ??
      readCount(
        raw?.cache_creation_input_tokens,
        "providerMetadata.anthropic.usage.cache_creation_input_tokens",
        source,
      );
    draft.inputTokens = inputTokens + (cacheReadTokens ?? 0) + (cacheWriteTokens ?? 0);
    draft.cacheWriteTokens = cacheWriteTokens;
    draft.cacheWrite1hTokens = readCount(
      readRecord(raw?.cache_creation)?.ephemeral_1h_input_tokens,
      "providerMetadata.anthropic.usage.cache_creation.ephemeral_1h_input_tokens",
      source,
    );
    draft.reasoningTokens ??= readCount(
      readRecord(raw?.output_tokens_details)?.thinking_tokens,
      "providerMetadata.anthropic.usage.output_tokens_details.thinking_tokens",
      source,
    );
    draft.webSearchRequests = readWebSearchRequests(
      raw,
      "providerMetadata.anthropic.usage",
      source,
    );
  } else if (family === "google") {
    draft.outputTokens = outputTokens + (reasoningTokens ?? 0);
    const google = readRecord(metadata?.google) ?? readRecord(metadata?.vertex);
    const body = readRecord(rawUsage);
    const usageMetadata =
      body?.promptTokenCount !== undefined ? body : readRecord(google?.usageMetadata);
    if (usageMetadata !== undefined) applyGoogleUsageMetadata(draft, usageMetadata, source);
  } else if (family === "openai") {
    draft.cacheWriteTokens = readCount(
      readRecord(readRecord(metadata?.openai)?.usage)?.cacheWriteTokens,
      "providerMetadata.openai.usage.cacheWriteTokens",
      source,
    );
  }
  return finishUsage(draft, source);
}
