/**
 * Type tests (compiled by `tsc -b`, never run): the README's
 * `calculateCost({ model, usage: fromAiSdkUsageOrThrow(result.usage) })` compiles under strict
 * TS with the `usage` of `generateText` results on ai 5, 6 and 7, and `fromAiSdkUsage` keeps
 * its `undefined` (usage the provider did not report) in the type.
 */
import {
  type CostBreakdown,
  calculateCost,
  fromAiSdkUsage,
  fromAiSdkUsageOrThrow,
  type Usage,
} from "@tokenledger/core";
import type { LanguageModelUsage as LanguageModelUsage7 } from "ai";
import type { LanguageModelUsage as LanguageModelUsage5 } from "ai-v5";
import type { LanguageModelUsage as LanguageModelUsage6 } from "ai-v6";
import { expectTypeOf } from "vitest";

// `result.usage` / `result.totalUsage` of `generateText` and `streamText` (awaited) results.
declare const result7: { usage: LanguageModelUsage7 };
declare const result6: { totalUsage: LanguageModelUsage6 };
declare const result5: { usage: LanguageModelUsage5 };
const model = "openai:gpt-4o";

const cost7: CostBreakdown = calculateCost({ model, usage: fromAiSdkUsageOrThrow(result7.usage) });
const cost6: CostBreakdown = calculateCost({
  model,
  usage: fromAiSdkUsageOrThrow(result6.totalUsage),
});
const cost5: CostBreakdown = calculateCost({ model, usage: fromAiSdkUsageOrThrow(result5.usage) });

expectTypeOf(fromAiSdkUsage(result7.usage)).toEqualTypeOf<Usage | undefined>();
expectTypeOf(fromAiSdkUsageOrThrow(result7.usage)).toEqualTypeOf<Usage>();
// @ts-expect-error fromAiSdkUsage may return undefined: handle it, or use fromAiSdkUsageOrThrow.
calculateCost({ model, usage: fromAiSdkUsage(result7.usage) });

export const costs: readonly CostBreakdown[] = [cost7, cost6, cost5];
