import type { AiSdkProviderFamily } from "./ai-sdk-provider-family.js";
import { applyGoogleUsageMetadata } from "./apply-google-usage-metadata.js";
import { finishUsage } from "./finish-usage.js";
import { fromAiSdkFlatCounts } from "./from-ai-sdk-flat-usage.js";
import { readCount, readRecord } from "./read-count.js";
import { readWebSearchRequests } from "./read-web-search-requests.js";
import type { Usage } from "./usage.js";
import type { UsageDraft } from "./usage-fields.js";

/** The counts of an AI SDK 6/7 usage (model-level nested or result-level), already read. @internal */
export interface AiSdkNestedCounts {
  inputTotal: number | undefined;
  noCache: number | undefined;
  cacheRead: number | undefined;
  cacheWrite: number | undefined;
  outputTotal: number | undefined;
  text: number | undefined;
  reasoning: number | undefined;
  raw: unknown;
}

/** ai@7 turns a V2 model's usage into `raw: { totalTokens }` with no noCache/cacheWrite/text. */
function isConvertedFromV2(
  counts: AiSdkNestedCounts,
  raw: Readonly<Record<string, unknown>> | undefined,
): boolean {
  if (raw === undefined || counts.noCache !== undefined) return false;
  if (counts.cacheWrite !== undefined || counts.text !== undefined) return false;
  for (const key in raw) if (key !== "totalTokens") return false;
  return "totalTokens" in raw;
}

/**
 * Normalizes AI SDK 6/7 usage, where input is cache-inclusive and output reasoning-inclusive.
 * A missing total is derived from its pieces (`noCache + cacheRead + cacheWrite`,
 * `text + reasoning`). From `raw`: Anthropic's `cache_creation.ephemeral_1h_input_tokens`
 * gives the 1-hour write share and `server_tool_use.web_search_requests` the web searches; Gemini's `usageMetadata` gives tool-use prompt tokens (when
 * not yet counted) and modality parts. A V2 model's usage converted by ai@7 keeps the V2
 * meaning and is corrected as AI SDK 5 usage.
 *
 * @internal used by `fromAiSdkUsage`.
 */
export function fromAiSdkNestedCounts(
  counts: AiSdkNestedCounts,
  family: AiSdkProviderFamily,
  providerMetadata: unknown,
  source: string,
): Usage | undefined {
  const raw = readRecord(counts.raw);
  if (family !== "other" && isConvertedFromV2(counts, raw)) {
    return fromAiSdkFlatCounts(
      {
        inputTokens: counts.inputTotal,
        outputTokens: counts.outputTotal,
        cacheReadTokens: counts.cacheRead,
        reasoningTokens: counts.reasoning,
      },
      family,
      providerMetadata,
      source,
    );
  }
  const { noCache, cacheRead, cacheWrite, text, reasoning } = counts;
  const inputTokens =
    counts.inputTotal ??
    (noCache === undefined ? undefined : noCache + (cacheRead ?? 0) + (cacheWrite ?? 0));
  const outputTokens =
    counts.outputTotal ?? (text === undefined ? undefined : text + (reasoning ?? 0));
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  const draft: UsageDraft = {
    inputTokens,
    cacheReadTokens: cacheRead,
    cacheWriteTokens: cacheWrite,
    outputTokens,
    reasoningTokens: reasoning,
  };
  if (raw !== undefined) {
    const split = readRecord(raw.cache_creation);
    if (split !== undefined) {
      draft.cacheWrite1hTokens = readCount(
        split.ephemeral_1h_input_tokens,
        "raw.cache_creation.ephemeral_1h_input_tokens",
        source,
      );
    }
    if (raw.promptTokenCount !== undefined) applyGoogleUsageMetadata(draft, raw, source);
    draft.webSearchRequests = readWebSearchRequests(raw, "raw", source);
  }
  return finishUsage(draft, source);
}
