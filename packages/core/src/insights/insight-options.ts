import { z } from "zod";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
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

/** Built on first use, not at import (constructing zod schemas costs every importer). */
function buildSchema() {
  const positiveInteger = z.number().int().positive();
  return z.strictObject({
    minSampleSize: positiveInteger.optional(),
    prefixMinTokens: z.number().int().nonnegative().optional(),
    cacheTtlMs: positiveInteger.optional(),
    overholdRatio: z.number().min(1).optional(),
    overholdMinTokens: z.number().int().nonnegative().optional(),
    shortOutputTokens: positiveInteger.optional(),
    priceRatio: z.number().min(1).optional(),
    cheaperModels: z.record(z.string(), z.array(z.string())).optional(),
    catalog: z.unknown().optional(),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;

/** Validates insight options once. Throws `InvalidConfigError` naming each bad field. */
export function resolveInsightOptions(options: InsightOptions = {}): ResolvedInsightOptions {
  schema ??= buildSchema();
  const parsed = schema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".") || "(options)"}: ${issue.message}`)
      .join("; ");
    throw new InvalidConfigError({
      message: `Invalid insight options: ${problems}. Ratios are numbers ≥ 1, token and sample thresholds integers, cheaperModels { "provider:model": ["cheaper-id", …] }.`,
      cause: parsed.error,
    });
  }
  const { catalog: _catalog, ...value } = parsed.data;
  return {
    ...DEFAULT_INSIGHT_OPTIONS,
    ...Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)),
  } as ResolvedInsightOptions;
}
