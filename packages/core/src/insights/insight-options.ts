import { InvalidConfigError } from "../errors/invalid-config-error.js";
import {
  anyValue,
  arrayOf,
  formatIssues,
  integer,
  number,
  objectOf,
  optional,
  recordOf,
  string,
  validate,
} from "../validation/index.js";
import type { InsightOptions } from "./types.js";

/** {@link InsightOptions} with defaults applied. */
export interface ResolvedInsightOptions {
  minSampleSize: number;
  prefixMinTokens: number;
  cacheTtlMs: number;
  overholdRatio: number;
  overholdMinTokens: number;
  shortOutputTokens: number;
  priceRatio: number;
  cheaperModels: Readonly<Record<string, readonly string[]>>;
}

/** Defaults of {@link InsightOptions}. */
export const DEFAULT_INSIGHT_OPTIONS: Readonly<ResolvedInsightOptions> = Object.freeze({
  minSampleSize: 5,
  prefixMinTokens: 1024,
  cacheTtlMs: 300_000,
  overholdRatio: 4,
  overholdMinTokens: 256,
  shortOutputTokens: 50,
  priceRatio: 5,
  cheaperModels: {},
});

const optionsCheck = objectOf({
  minSampleSize: optional(integer({ min: 1 })),
  prefixMinTokens: optional(integer({ min: 0 })),
  cacheTtlMs: optional(integer({ min: 1 })),
  overholdRatio: optional(number({ min: 1 })),
  overholdMinTokens: optional(integer({ min: 0 })),
  shortOutputTokens: optional(integer({ min: 1 })),
  priceRatio: optional(number({ min: 1 })),
  cheaperModels: optional(recordOf(arrayOf(string()))),
  catalog: optional(anyValue),
});

/** Validates insight options once. Throws `InvalidConfigError` naming each bad field. */
export function resolveInsightOptions(options: InsightOptions = {}): ResolvedInsightOptions {
  const result = validate(optionsCheck, options);
  if (!result.ok) {
    throw new InvalidConfigError({
      message: `Invalid insight options: ${formatIssues(result.error.issues)}. Ratios are numbers ≥ 1, token and sample thresholds integers, cheaperModels { "provider:model": ["cheaper-id", …] }.`,
      cause: result.error,
    });
  }
  const { catalog: _catalog, ...value } = result.value;
  return {
    ...DEFAULT_INSIGHT_OPTIONS,
    ...Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)),
  } as ResolvedInsightOptions;
}
