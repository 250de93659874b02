import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Usage } from "../usage/usage.js";
import { calculateCost } from "./calculate-cost.js";
import type { CatalogSnapshot } from "./catalog-snapshot.js";
import { createCatalog } from "./create-catalog.js";

/** Disjoint token counts of every kind; totals are built from them so any draw is valid. */
interface Parts {
  uncachedInput: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  inputAudio: number;
  inputImage: number;
  textOutput: number;
  reasoning: number;
  outputAudio: number;
}
const PART_NAMES: readonly (keyof Parts)[] = [
  "uncachedInput",
  "cacheRead",
  "cacheWrite5m",
  "cacheWrite1h",
  "inputAudio",
  "inputImage",
  "textOutput",
  "reasoning",
  "outputAudio",
];

function partsArbitrary(max: number): fc.Arbitrary<Parts> {
  const count = fc.integer({ min: 0, max });
  return fc.record({
    uncachedInput: count,
    cacheRead: count,
    cacheWrite5m: count,
    cacheWrite1h: count,
    inputAudio: count,
    inputImage: count,
    textOutput: count,
    reasoning: count,
    outputAudio: count,
  });
}

function toUsage(parts: Parts): Usage {
  return {
    inputTokens:
      parts.uncachedInput +
      parts.cacheRead +
      parts.cacheWrite5m +
      parts.cacheWrite1h +
      parts.inputAudio +
      parts.inputImage,
    cacheReadTokens: parts.cacheRead,
    cacheWriteTokens: parts.cacheWrite5m + parts.cacheWrite1h,
    cacheWrite1hTokens: parts.cacheWrite1h,
    inputAudioTokens: parts.inputAudio,
    inputImageTokens: parts.inputImage,
    outputTokens: parts.textOutput + parts.reasoning + parts.outputAudio,
    reasoningTokens: parts.reasoning,
    outputAudioTokens: parts.outputAudio,
  };
}

/** Catalog models covering flat, tiered, audio/image, reasoning-apart and per-request prices. */
const MODELS = [
  "gpt-4o",
  "claude-sonnet-4-5",
  "gemini-2.5-pro",
  "gemini-3.1-flash-live-preview",
  "perplexity:sonar-deep-research",
  "perplexity:sonar",
  "text-embedding-3-small",
] as const;
/** Models whose every tier price is at least its base price. */
const RISING_TIER_MODELS = ["claude-sonnet-4-5", "gemini-2.5-pro"] as const;

const cost = (model: string, parts: Parts): number =>
  calculateCost({ model, usage: toUsage(parts), at: "2026-01-01T00:00:00Z" }).totalNanoUsd;

describe("calculateCost properties", () => {
  it("line tokens always add up to inputTokens + outputTokens", () => {
    fc.assert(
      fc.property(fc.constantFrom(...MODELS), partsArbitrary(2 ** 30), (model, parts) => {
        const usage = toUsage(parts);
        const breakdown = calculateCost({ model, usage });
        const lineTokens = breakdown.lines.reduce((sum, line) => sum + line.tokens, 0);
        expect(lineTokens).toBe(usage.inputTokens + usage.outputTokens);
        expect(Number.isSafeInteger(breakdown.totalNanoUsd)).toBe(true);
      }),
    );
  });

  it("adding tokens of any kind never lowers the cost (tier held fixed)", () => {
    // every part ≤ 10_000 keeps total input ≤ 60_000, below every tier of these models
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        partsArbitrary(10_000),
        fc.constantFrom(...PART_NAMES),
        fc.integer({ min: 0, max: 10_000 }),
        (model, parts, part, added) => {
          const more = { ...parts, [part]: parts[part] + added };
          expect(cost(model, more)).toBeGreaterThanOrEqual(cost(model, parts));
        },
      ),
    );
  });

  it("adding tokens never lowers the cost across tiers when tier prices rise", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...RISING_TIER_MODELS),
        partsArbitrary(80_000),
        fc.constantFrom(...PART_NAMES),
        fc.integer({ min: 0, max: 300_000 }),
        (model, parts, part, added) => {
          const more = { ...parts, [part]: parts[part] + added };
          expect(cost(model, more)).toBeGreaterThanOrEqual(cost(model, parts));
        },
      ),
    );
  });

  it("N identical records sum to exactly N × one record", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        partsArbitrary(1_000_000),
        fc.integer({ min: 1, max: 500 }),
        (model, parts, count) => {
          const one = cost(model, parts);
          let sum = 0;
          let bigSum = 0n;
          for (let index = 0; index < count; index++) {
            const each = cost(model, parts);
            sum += each;
            bigSum += BigInt(each);
          }
          expect(sum).toBe(count * one);
          expect(bigSum).toBe(BigInt(count) * BigInt(one));
        },
      ),
      { numRuns: 50 },
    );
  });

  it("is exact against a BigInt reference when products pass 2^53", () => {
    const nanoPrice = fc.integer({ min: 0, max: 4_000_000_000 });
    fc.assert(
      fc.property(
        fc.record({
          input: nanoPrice,
          cacheRead: nanoPrice,
          cacheWrite: nanoPrice,
          cacheWrite1h: nanoPrice,
          output: nanoPrice,
          outputReasoning: nanoPrice,
        }),
        partsArbitrary(2 ** 37),
        (prices, drawn) => {
          const parts = { ...drawn, inputAudio: 0, inputImage: 0, outputAudio: 0 };
          const snapshot: CatalogSnapshot = {
            source: "test@1",
            providers: [
              {
                id: "test",
                name: "Test",
                models: [{ id: "big", match: { equals: "big" }, prices }],
              },
            ],
          };
          const catalog = createCatalog({ snapshot });
          const actual = calculateCost(
            { model: "test:big", usage: toUsage(parts) },
            catalog,
          ).totalNanoUsd;
          // reference: Σ tokens × price in BigInt, divided by 1e6 once, half-up
          const sum =
            BigInt(parts.uncachedInput) * BigInt(prices.input) +
            BigInt(parts.cacheRead) * BigInt(prices.cacheRead) +
            BigInt(parts.cacheWrite5m) * BigInt(prices.cacheWrite) +
            BigInt(parts.cacheWrite1h) * BigInt(prices.cacheWrite1h) +
            BigInt(parts.textOutput) * BigInt(prices.output) +
            BigInt(parts.reasoning) * BigInt(prices.outputReasoning);
          expect(BigInt(actual)).toBe((sum + 500_000n) / 1_000_000n);
        },
      ),
    );
  });
});
