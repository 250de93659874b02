import { expect } from "vitest";
import type { Usage } from "../usage.js";
import type { UsagePartField } from "../usage-fields.js";
import { validateUsage } from "../validate-usage.js";

/** The canonical usage a normalizer should recover: `truth` limited to what the source can say, zero parts left out. */
export function expectedFrom(truth: Usage, expressible: readonly UsagePartField[]): Usage {
  const expected: Usage = { inputTokens: truth.inputTokens, outputTokens: truth.outputTokens };
  for (const part of expressible) {
    const value = truth[part];
    if (value !== undefined && value !== 0) expected[part] = value;
  }
  return expected;
}

/** Valid, and every part inside its total (spelled out, not via the code under test). */
export function expectSound(usage: Usage | undefined): asserts usage is Usage {
  expect(usage).toBeDefined();
  if (usage === undefined) return;
  expect(validateUsage(usage)).toStrictEqual(usage);
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  expect(usage.cacheReadTokens ?? 0).toBeLessThanOrEqual(input);
  expect((usage.cacheReadTokens ?? 0) + (usage.cacheWriteTokens ?? 0)).toBeLessThanOrEqual(input);
  expect(usage.cacheWrite1hTokens ?? 0).toBeLessThanOrEqual(usage.cacheWriteTokens ?? 0);
  expect(usage.inputAudioTokens ?? 0).toBeLessThanOrEqual(input);
  expect(usage.inputImageTokens ?? 0).toBeLessThanOrEqual(input);
  expect(usage.reasoningTokens ?? 0).toBeLessThanOrEqual(output);
  expect(usage.outputAudioTokens ?? 0).toBeLessThanOrEqual(output);
}

/** Input tokens neither read from nor written to the cache. */
export function uncached(truth: Usage): number {
  return truth.inputTokens - (truth.cacheReadTokens ?? 0) - (truth.cacheWriteTokens ?? 0);
}
