import { applyGoogleUsageMetadata } from "./apply-google-usage-metadata.js";
import { finishUsage } from "./finish-usage.js";
import { readCount, readRecord } from "./read-count.js";
import type { Usage } from "./usage.js";
import type { UsageDraft } from "./usage-fields.js";

const SOURCE = "Google usageMetadata (fromGoogleUsage)";

/**
 * Normalizes Gemini's `usageMetadata` (Gemini API and Vertex AI):
 *
 * - `inputTokens = promptTokenCount + toolUsePromptTokenCount` (`promptTokenCount` already
 *   includes `cachedContentTokenCount`, which becomes `cacheReadTokens`);
 * - `outputTokens = candidatesTokenCount + thoughtsTokenCount`: Gemini's candidates count
 *   EXCLUDES thinking, which becomes `reasoningTokens`;
 * - `promptTokensDetails` AUDIO/IMAGE → `inputAudioTokens`/`inputImageTokens`,
 *   `candidatesTokensDetails` AUDIO → `outputAudioTokens`.
 *
 * Gemini leaves zero counts out of its JSON, so once `promptTokenCount` is present a missing
 * candidates, thoughts, cached or tool-use count is 0.
 *
 * @returns `undefined` when `promptTokenCount` is missing (the caller estimates).
 * @throws InvalidUsageError when a count is malformed or a part exceeds its total.
 */
export function fromGoogleUsage(usageMetadata: unknown): Usage | undefined {
  const metadata = readRecord(usageMetadata);
  if (metadata === undefined) return undefined;
  const promptTokens = readCount(metadata.promptTokenCount, "promptTokenCount", SOURCE);
  if (promptTokens === undefined) return undefined;
  const candidatesTokens = readCount(metadata.candidatesTokenCount, "candidatesTokenCount", SOURCE);
  const thoughtsTokens = readCount(metadata.thoughtsTokenCount, "thoughtsTokenCount", SOURCE);
  const draft: UsageDraft = {
    inputTokens: promptTokens,
    cacheReadTokens: readCount(metadata.cachedContentTokenCount, "cachedContentTokenCount", SOURCE),
    outputTokens: (candidatesTokens ?? 0) + (thoughtsTokens ?? 0),
    reasoningTokens: thoughtsTokens,
  };
  applyGoogleUsageMetadata(draft, metadata, SOURCE);
  return finishUsage(draft, SOURCE);
}
