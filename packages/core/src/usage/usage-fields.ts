import type { UsageField } from "./usage.js";

/** The optional fields of `Usage`: parts that sit inside a total. */
export type UsagePartField = Exclude<
  UsageField,
  "inputTokens" | "outputTokens" | "webSearchRequests"
>;

/** Every part field, in the order they are checked and copied. */
export const USAGE_PART_FIELDS: readonly UsagePartField[] = [
  "cacheReadTokens",
  "cacheWriteTokens",
  "cacheWrite1hTokens",
  "reasoningTokens",
  "inputAudioTokens",
  "inputImageTokens",
  "outputAudioTokens",
];

/** The total each part is counted inside. */
export const USAGE_PART_PARENT: Readonly<Record<UsagePartField, UsageField>> = {
  cacheReadTokens: "inputTokens",
  cacheWriteTokens: "inputTokens",
  cacheWrite1hTokens: "cacheWriteTokens",
  reasoningTokens: "outputTokens",
  inputAudioTokens: "inputTokens",
  inputImageTokens: "inputTokens",
  outputAudioTokens: "outputTokens",
};

/** True when `key` names a field of {@link Usage}. */
export function isUsageField(key: string): key is UsageField {
  switch (key) {
    case "inputTokens":
    case "outputTokens":
    case "cacheReadTokens":
    case "cacheWriteTokens":
    case "cacheWrite1hTokens":
    case "reasoningTokens":
    case "inputAudioTokens":
    case "inputImageTokens":
    case "outputAudioTokens":
    case "webSearchRequests":
      return true;
    default:
      return false;
  }
}

/** A usage object as normalizers build it: parts may still be `undefined`. */
export type UsageDraft = {
  inputTokens: number;
  outputTokens: number;
  webSearchRequests?: number | undefined;
} & {
  [field in UsagePartField]?: number | undefined;
};
