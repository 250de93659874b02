import fc from "fast-check";
import type { Usage } from "../usage.js";

/** Counts stay far below 2^53 so sums of a few of them are exact. */
export const MAX_TOKENS: number = 2 ** 40;

/** `undefined` or a count in [0, max]. */
function optionalCount(max: number): fc.Arbitrary<number | undefined> {
  return fc.option(fc.integer({ min: 0, max }), { nil: undefined });
}

/** A usage object with only its defined fields set. */
function compact(fields: Record<string, number | undefined>): Usage {
  const usage: Record<string, number> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) usage[key] = value;
  return usage as unknown as Usage;
}

/** Valid canonical usages: every part drawn inside its total. */
export const validUsageArbitrary: fc.Arbitrary<Usage> = fc
  .record({ inputTokens: fc.nat({ max: MAX_TOKENS }), outputTokens: fc.nat({ max: MAX_TOKENS }) })
  .chain(({ inputTokens, outputTokens }) =>
    fc
      .record({
        cacheReadTokens: optionalCount(inputTokens),
        inputAudioTokens: optionalCount(inputTokens),
        inputImageTokens: optionalCount(inputTokens),
        reasoningTokens: optionalCount(outputTokens),
        outputAudioTokens: optionalCount(outputTokens),
      })
      .chain((parts) =>
        optionalCount(inputTokens - (parts.cacheReadTokens ?? 0)).chain((cacheWriteTokens) =>
          optionalCount(cacheWriteTokens ?? 0).map((cacheWrite1hTokens) =>
            compact({ inputTokens, outputTokens, ...parts, cacheWriteTokens, cacheWrite1hTokens }),
          ),
        ),
      ),
  );

const ALL_FIELDS = [
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "cacheWriteTokens",
  "cacheWrite1hTokens",
  "reasoningTokens",
  "inputAudioTokens",
  "inputImageTokens",
  "outputAudioTokens",
] as const;

const PARENT = {
  cacheReadTokens: "inputTokens",
  cacheWriteTokens: "inputTokens",
  cacheWrite1hTokens: "cacheWriteTokens",
  reasoningTokens: "outputTokens",
  inputAudioTokens: "inputTokens",
  inputImageTokens: "inputTokens",
  outputAudioTokens: "outputTokens",
} as const;

const badValueArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: -MAX_TOKENS, max: -1 }),
  fc.integer({ min: 0, max: MAX_TOKENS }).map((value) => value + 0.5),
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    2 ** 53,
    null,
    "12",
    true,
  ),
);

/** Invalid usages: a valid one with exactly one thing broken. */
export const invalidUsageArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  // A field holds a value that is not a count.
  fc
    .tuple(validUsageArbitrary, fc.constantFrom(...ALL_FIELDS), badValueArbitrary)
    .map(([usage, field, value]) => ({ ...usage, [field]: value })),
  // A total is missing.
  fc
    .tuple(validUsageArbitrary, fc.constantFrom("inputTokens", "outputTokens"))
    .map(([usage, field]) => ({ ...usage, [field]: undefined })),
  // A part is pushed above its total.
  fc
    .tuple(
      validUsageArbitrary,
      fc.constantFrom(...Object.keys(PARENT)),
      fc.nat({ max: MAX_TOKENS }),
    )
    .map(([usage, field, extra]) => {
      const parentField = PARENT[field as keyof typeof PARENT];
      return { ...usage, [field]: (usage[parentField] ?? 0) + 1 + extra };
    }),
  // Cache read and write each fit, together they do not.
  fc.tuple(validUsageArbitrary, fc.nat({ max: MAX_TOKENS })).map(([usage, extra]) => {
    const inputTokens = Math.max(usage.inputTokens, 1);
    return {
      ...usage,
      inputTokens,
      cacheReadTokens: inputTokens,
      cacheWriteTokens: 1 + (extra % inputTokens),
      cacheWrite1hTokens: undefined,
    };
  }),
  // An unknown key (a typo of a real field).
  fc
    .tuple(
      validUsageArbitrary,
      fc.constantFrom("cachedInputTokens", "cacheCreationInputTokens", "inputTokenDetails"),
    )
    .map(([usage, key]) => ({ ...usage, [key]: 1 })),
  // A totalTokens that is not inputTokens + outputTokens.
  fc.tuple(validUsageArbitrary, fc.nat({ max: MAX_TOKENS })).map(([usage, extra]) => ({
    ...usage,
    totalTokens: usage.inputTokens + usage.outputTokens + 1 + extra,
  })),
);
