import { mergeUsageMetadata, type UsageMetadata } from "@langchain/core/messages";

/** True for `ls_provider` values of Anthropic's own API (`anthropic`). */
function isAnthropic(provider: string | undefined): boolean {
  return provider !== undefined && provider.toLowerCase() === "anthropic";
}

/**
 * Undoes LangChain's Anthropic stream over-count: Anthropic sends `output_tokens` on
 * `message_start` (usually 1) and the *cumulative* count on `message_delta`; LangChain sums
 * the two usage chunks, so a stream reports one token more than `invoke` does (research §3).
 *
 * Applied only when the provider is `anthropic`, at least two usage chunks were streamed,
 * and the reported output equals their sum (so a fixed LangChain is left alone). The true
 * output is then the largest chunk's (cumulative) count.
 */
export function correctStreamedUsage(
  reported: UsageMetadata,
  streamedChunks: readonly UsageMetadata[],
  provider: string | undefined,
): UsageMetadata {
  if (!isAnthropic(provider) || streamedChunks.length < 2) return reported;
  let sumOutput = 0;
  let maxOutput = 0;
  for (const chunk of streamedChunks) {
    sumOutput += chunk.output_tokens;
    maxOutput = Math.max(maxOutput, chunk.output_tokens);
  }
  if (reported.output_tokens !== sumOutput || maxOutput >= sumOutput) return reported;
  const overCount = sumOutput - maxOutput;
  return {
    ...reported,
    output_tokens: maxOutput,
    total_tokens: reported.total_tokens - overCount,
  };
}

/**
 * Usage of a stream that never ended normally, from the usage chunks it did deliver
 * (summed the way LangChain would, then corrected like {@link correctStreamedUsage}).
 */
export function usageFromStreamedChunks(
  streamedChunks: readonly UsageMetadata[],
  provider: string | undefined,
): UsageMetadata | undefined {
  if (streamedChunks.length === 0) return undefined;
  let merged: UsageMetadata | undefined;
  for (const chunk of streamedChunks) merged = mergeUsageMetadata(merged, chunk);
  return merged && correctStreamedUsage(merged, streamedChunks, provider);
}
