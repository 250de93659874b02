import { aiSdkProviderFamily } from "./ai-sdk-provider-family.js";
import { fromAiSdkFlatCounts } from "./from-ai-sdk-flat-usage.js";
import { fromAiSdkNestedCounts } from "./from-ai-sdk-nested-usage.js";
import { readCount, readRecord } from "./read-count.js";
import type { Usage } from "./usage.js";

const SOURCE = "AI SDK usage (fromAiSdkUsage)";

/** Options of {@link fromAiSdkUsage}. */
export interface AiSdkUsageOptions {
  /**
   * The model's `provider` string (`anthropic.messages`, `google.generative-ai`,
   * `openai.responses`, `gateway`, …). Needed for the AI SDK 5 Anthropic and Google corrections.
   */
  provider?: string;
  /** The `providerMetadata` of the result or `finish` part (AI SDK 5 keeps cache writes there). */
  providerMetadata?: unknown;
  /**
   * The provider's own usage object from the HTTP response body (`response.body.usage`, or
   * Gemini's `response.body.usageMetadata`), when the caller has it. AI SDK 5 providers drop
   * some billed counts from both `usage` and `providerMetadata` (Gemini's
   * `toolUsePromptTokenCount`); the raw body still has them.
   */
  rawUsage?: unknown;
}

/**
 * Normalizes any AI SDK usage object, detecting its shape at runtime (never trust the declared
 * spec version):
 *
 * - nested `inputTokens: { total, noCache, cacheRead, cacheWrite }`,
 *   `outputTokens: { total, text, reasoning }`, `raw` — LanguageModelV3/V4, what a middleware
 *   sees on ai@6/ai@7;
 * - `inputTokens`, `inputTokenDetails`, `outputTokens`, `outputTokenDetails`, `totalTokens` —
 *   `generateText().usage` / `streamText` usage on ai@6/ai@7;
 * - flat `inputTokens`, `outputTokens`, `cachedInputTokens`, `reasoningTokens` — LanguageModelV2
 *   and every result on ai@5, corrected per provider (Anthropic input without cache, Google
 *   output without reasoning): pass `provider` and `providerMetadata`.
 *
 * `NaN` and `undefined` counts are absent (the AI SDK reports a missing count as either).
 *
 * @returns `undefined` when the input or output total is unknown (the caller estimates).
 * @throws InvalidUsageError when a count is malformed or a part exceeds its total.
 */
export function fromAiSdkUsage(usage: unknown, options?: AiSdkUsageOptions): Usage | undefined {
  const record = readRecord(usage);
  if (record === undefined) return undefined;
  const provider = options?.provider;
  const source = provider === undefined ? SOURCE : `${SOURCE} for provider "${provider}"`;
  const family = aiSdkProviderFamily(provider);
  const providerMetadata = options?.providerMetadata;
  const input = readRecord(record.inputTokens);
  const output = readRecord(record.outputTokens);
  if (input !== undefined || output !== undefined) {
    const counts = {
      inputTotal: readCount(input?.total, "inputTokens.total", source),
      noCache: readCount(input?.noCache, "inputTokens.noCache", source),
      cacheRead: readCount(input?.cacheRead, "inputTokens.cacheRead", source),
      cacheWrite: readCount(input?.cacheWrite, "inputTokens.cacheWrite", source),
      outputTotal: readCount(output?.total, "outputTokens.total", source),
      text: readCount(output?.text, "outputTokens.text", source),
      reasoning: readCount(output?.reasoning, "outputTokens.reasoning", source),
      raw: record.raw,
    };
    return fromAiSdkNestedCounts(counts, family, providerMetadata, source);
  }
  const inputDetails = readRecord(record.inputTokenDetails);
  const outputDetails = readRecord(record.outputTokenDetails);
  if (inputDetails !== undefined || outputDetails !== undefined) {
    const counts = {
      inputTotal: readCount(record.inputTokens, "inputTokens", source),
      noCache: readCount(inputDetails?.noCacheTokens, "inputTokenDetails.noCacheTokens", source),
      cacheRead: readCount(
        inputDetails?.cacheReadTokens,
        "inputTokenDetails.cacheReadTokens",
        source,
      ),
      cacheWrite: readCount(
        inputDetails?.cacheWriteTokens,
        "inputTokenDetails.cacheWriteTokens",
        source,
      ),
      outputTotal: readCount(record.outputTokens, "outputTokens", source),
      text: readCount(outputDetails?.textTokens, "outputTokenDetails.textTokens", source),
      reasoning: readCount(
        outputDetails?.reasoningTokens,
        "outputTokenDetails.reasoningTokens",
        source,
      ),
      raw: record.raw,
    };
    return fromAiSdkNestedCounts(counts, family, providerMetadata, source);
  }
  const counts = {
    inputTokens: readCount(record.inputTokens, "inputTokens", source),
    outputTokens: readCount(record.outputTokens, "outputTokens", source),
    cacheReadTokens: readCount(record.cachedInputTokens, "cachedInputTokens", source),
    reasoningTokens: readCount(record.reasoningTokens, "reasoningTokens", source),
  };
  return fromAiSdkFlatCounts(counts, family, providerMetadata, source, options?.rawUsage);
}
