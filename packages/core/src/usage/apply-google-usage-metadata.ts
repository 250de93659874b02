import { readCount, readRecord } from "./read-count.js";
import type { UsageDraft } from "./usage-fields.js";

function sumModalityTokens(
  details: unknown,
  modality: "AUDIO" | "IMAGE",
  field: string,
  source: string,
): number | undefined {
  if (!Array.isArray(details)) return undefined;
  let sum: number | undefined;
  for (const entry of details) {
    const item = readRecord(entry);
    if (item === undefined || item.modality !== modality) continue;
    const count = readCount(item.tokenCount, `${field}[${modality}].tokenCount`, source);
    if (count !== undefined) sum = (sum ?? 0) + count;
  }
  return sum;
}

/**
 * Completes `draft` from Gemini's `usageMetadata`:
 *
 * - `toolUsePromptTokenCount` is billed as input. It is added when `draft.inputTokens` equals
 *   `promptTokenCount` (the count without it, as AI SDK 5 and 6 report it); when the draft
 *   already includes it (AI SDK 7) nothing is added.
 * - `promptTokensDetails` AUDIO/IMAGE become `inputAudioTokens`/`inputImageTokens`, and
 *   `candidatesTokensDetails` AUDIO becomes `outputAudioTokens`.
 *
 * @internal shared by `fromGoogleUsage` and `fromAiSdkUsage`.
 */
export function applyGoogleUsageMetadata(
  draft: UsageDraft,
  usageMetadata: Readonly<Record<string, unknown>>,
  source: string,
): void {
  const promptTokens = readCount(usageMetadata.promptTokenCount, "promptTokenCount", source);
  const toolUseTokens = readCount(
    usageMetadata.toolUsePromptTokenCount,
    "toolUsePromptTokenCount",
    source,
  );
  if (toolUseTokens !== undefined && draft.inputTokens === promptTokens) {
    draft.inputTokens += toolUseTokens;
  }
  const prompt = usageMetadata.promptTokensDetails;
  draft.inputAudioTokens = sumModalityTokens(prompt, "AUDIO", "promptTokensDetails", source);
  draft.inputImageTokens = sumModalityTokens(prompt, "IMAGE", "promptTokensDetails", source);
  draft.outputAudioTokens = sumModalityTokens(
    usageMetadata.candidatesTokensDetails,
    "AUDIO",
    "candidatesTokensDetails",
    source,
  );
}
