import { describe, expect, it } from "vitest";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import { calculateCost, calculateWorstCaseCost } from "./calculate-cost.js";
import { createCatalog } from "./create-catalog.js";

// Prices below are genai-prices@npm-0.1.8 (2026-09-23), in USD per 1M tokens; 1 USD/MTok = 1e9 nano-USD/MTok.
// A line costs tokens × nanoUsdPerMtok / 1e6 nano-USD; the request sum is rounded once.

describe("calculateCost, catalog models (hand-computed)", () => {
  it("OpenAI gpt-4o with cached input ($2.50 in, $1.25 cached, $10 out)", () => {
    const cost = calculateCost({
      model: "gpt-4o",
      usage: { inputTokens: 12_345, cacheReadTokens: 4_000, outputTokens: 678 },
    });
    // uncached 12_345 − 4_000 = 8_345
    // 8_345 × 2.5e9 + 4_000 × 1.25e9 + 678 × 10e9 = 20.8625e12 + 5e12 + 6.78e12 = 32.6425e12
    expect(cost.totalNanoUsd).toBe(32_642_500);
    expect(cost.totalUsd).toBe(0.0326425);
    expect(cost.provider).toBe("openai");
    expect(cost.model).toBe("gpt-4o");
    expect(cost.priceSource).toBe("genai-prices@npm-0.1.8");
    expect(cost.lines).toEqual([
      { kind: "input", tokens: 8_345, nanoUsdPerMtok: 2_500_000_000, exactNanoUsd: 20_862_500 },
      { kind: "cacheRead", tokens: 4_000, nanoUsdPerMtok: 1_250_000_000, exactNanoUsd: 5_000_000 },
      { kind: "output", tokens: 678, nanoUsdPerMtok: 10_000_000_000, exactNanoUsd: 6_780_000 },
    ]);
    expect(cost.tierStartTokens).toBeUndefined();
    expect(cost.priceEffectiveFrom).toBeUndefined();
  });

  it("Anthropic claude-sonnet-4-5: cache read + 5m write + 1h write, reasoning inside output", () => {
    const cost = calculateCost({
      model: "claude-sonnet-4-5",
      provider: "anthropic.messages",
      usage: {
        inputTokens: 50_000,
        cacheReadTokens: 30_000,
        cacheWriteTokens: 12_000,
        cacheWrite1hTokens: 2_000,
        outputTokens: 1_500,
        reasoningTokens: 500,
      },
    });
    // $3 in, $0.30 read, $3.75 5m write, $6 1h write, $15 out (reasoning has no price apart)
    // uncached 50_000 − 30_000 − 12_000 = 8_000; 5m writes 12_000 − 2_000 = 10_000
    // 8_000×3e9 + 30_000×0.3e9 + 10_000×3.75e9 + 2_000×6e9 + 1_500×15e9
    //   = 24e12 + 9e12 + 37.5e12 + 12e12 + 22.5e12 = 105e12
    expect(cost.totalNanoUsd).toBe(105_000_000);
    expect(cost.lines.map((line) => [line.kind, line.tokens, line.nanoUsdPerMtok])).toEqual([
      ["input", 8_000, 3_000_000_000],
      ["cacheRead", 30_000, 300_000_000],
      ["cacheWrite", 10_000, 3_750_000_000],
      ["cacheWrite1h", 2_000, 6_000_000_000],
      ["output", 1_500, 15_000_000_000],
    ]);
    expect(cost.tierStartTokens).toBeUndefined();
  });

  it("Anthropic claude-sonnet-4-5 above 200k input: every kind at its long-context price", () => {
    const cost = calculateCost({
      model: "anthropic:claude-sonnet-4-5",
      usage: {
        inputTokens: 250_000,
        cacheReadTokens: 100_000,
        cacheWriteTokens: 50_000,
        cacheWrite1hTokens: 10_000,
        outputTokens: 2_000,
      },
    });
    // tier prices: $6 in, $0.60 read, $7.50 5m write, $12 1h write, $22.50 out
    // 100_000×6e9 + 100_000×0.6e9 + 40_000×7.5e9 + 10_000×12e9 + 2_000×22.5e9
    //   = 600e12 + 60e12 + 300e12 + 120e12 + 45e12 = 1_125e12
    expect(cost.totalNanoUsd).toBe(1_125_000_000);
    expect(cost.tierStartTokens).toBe(200_000);
  });

  it("Gemini 2.5 Pro at exactly 200k input stays on the base price", () => {
    const cost = calculateCost({
      model: "gemini-2.5-pro",
      provider: "google.generative-ai",
      usage: { inputTokens: 200_000, cacheReadTokens: 50_000, outputTokens: 1_000 },
    });
    // base $1.25 in, $0.125 read, $10 out; tier starts when input > 200_000
    // 150_000×1.25e9 + 50_000×0.125e9 + 1_000×10e9 = 187.5e12 + 6.25e12 + 10e12 = 203.75e12
    expect(cost.totalNanoUsd).toBe(203_750_000);
    expect(cost.tierStartTokens).toBeUndefined();
  });

  it("Gemini 2.5 Pro above 200k input: the whole request at the tier price", () => {
    const cost = calculateCost({
      model: "gemini-2.5-pro",
      provider: "google_genai",
      usage: { inputTokens: 200_001, cacheReadTokens: 50_000, outputTokens: 1_000 },
    });
    // tier $2.50 in, $0.25 read, $15 out, applied to ALL tokens (cliff on total input incl. cache)
    // 150_001×2.5e9 + 50_000×0.25e9 + 1_000×15e9 = 375_002.5e9 + 12_500e9 + 15_000e9 (×1e6)
    //   = 402_502_500_000_000
    expect(cost.totalNanoUsd).toBe(402_502_500);
    expect(cost.tierStartTokens).toBe(200_000);
  });

  it("o3 before and after its 2025-06-10 price change", () => {
    const usage = {
      inputTokens: 10_000,
      cacheReadTokens: 2_000,
      outputTokens: 5_000,
      reasoningTokens: 3_000,
    };
    const before = calculateCost({ model: "o3", usage, at: "2025-06-09T23:59:59.999Z" });
    // before: $10 in, $0.50 read, $40 out: 8_000×10e9 + 2_000×0.5e9 + 5_000×40e9 = 281e12
    expect(before.totalNanoUsd).toBe(281_000_000);
    expect(before.priceEffectiveFrom).toBeUndefined();
    const after = calculateCost({
      model: "o3-2025-04-16",
      usage,
      at: new Date("2025-06-10T00:00:00Z"),
    });
    // after: $2 in, $0.50 read, $8 out: 8_000×2e9 + 2_000×0.5e9 + 5_000×8e9 = 57e12
    expect(after.totalNanoUsd).toBe(57_000_000);
    expect(after.priceEffectiveFrom).toBe("2025-06-10");
    expect(after.model).toBe("o3");
    const afterMs = calculateCost({ model: "o3", usage, at: Date.UTC(2025, 6, 1) });
    expect(afterMs.totalNanoUsd).toBe(57_000_000);
  });

  it("an embedding model (text-embedding-3-small, $0.02 in, no output price)", () => {
    const cost = calculateCost({
      model: "text-embedding-3-small",
      provider: "openai.embedding",
      usage: { inputTokens: 123_457, outputTokens: 0 },
    });
    // 123_457 × 0.02e9 = 2_469_140e6
    expect(cost.totalNanoUsd).toBe(2_469_140);
    expect(cost.provider).toBe("openai");
    expect(cost.lines).toEqual([
      { kind: "input", tokens: 123_457, nanoUsdPerMtok: 20_000_000, exactNanoUsd: 2_469_140 },
      { kind: "output", tokens: 0, nanoUsdPerMtok: 0, exactNanoUsd: 0 },
    ]);
  });

  it("DeepSeek off-peak: the daily window price applies only inside 00:30–16:30 UTC", () => {
    const usage = { inputTokens: 1_000_000, outputTokens: 1_000_000 };
    // inside the window: $0.27 in + $1.10 out per 1M
    const peak = calculateCost({ model: "deepseek-chat", usage, at: "2026-01-05T12:00:00Z" });
    expect(peak.totalNanoUsd).toBe(270_000_000 + 1_100_000_000);
    const start = calculateCost({ model: "deepseek-chat", usage, at: "2026-01-05T00:30:00Z" });
    expect(start.totalNanoUsd).toBe(270_000_000 + 1_100_000_000);
    // outside (end exclusive): $0.135 in + $0.55 out
    const offPeak = calculateCost({ model: "deepseek-chat", usage, at: "2026-01-05T16:30:00Z" });
    expect(offPeak.totalNanoUsd).toBe(135_000_000 + 550_000_000);
  });

  it("a per-request fee adds a request line (perplexity sonar: $1/$1 per 1M, $12 per 1k requests)", () => {
    const cost = calculateCost({
      model: "sonar",
      provider: "perplexity",
      usage: { inputTokens: 1_000, outputTokens: 200 },
    });
    // 1_000×1e9 + 200×1e9 = 1.2e12 → 1_200_000 nano; fee $12/1000 = 12_000_000 nano
    expect(cost.totalNanoUsd).toBe(13_200_000);
    expect(cost.lines.at(-1)).toEqual({
      kind: "request",
      tokens: 0,
      nanoUsdPerMtok: 0,
      exactNanoUsd: 12_000_000,
      requests: 1,
      nanoUsdPerThousandRequests: 12_000_000_000,
    });
  });

  it("reasoning priced apart is taken out of output (sonar-deep-research: $8 out, $3 reasoning)", () => {
    const cost = calculateCost({
      model: "perplexity:sonar-deep-research",
      usage: { inputTokens: 100, outputTokens: 1_000, reasoningTokens: 600 },
    });
    // $2 in: 100×2e9 = 0.2e12; output 400×8e9 = 3.2e12; reasoning 600×3e9 = 1.8e12 → 5.2e12
    expect(cost.totalNanoUsd).toBe(5_200_000);
    expect(cost.lines.map((line) => [line.kind, line.tokens])).toEqual([
      ["input", 100],
      ["output", 400],
      ["reasoning", 600],
    ]);
  });
});

describe("calculateCost, exactness and rounding", () => {
  const catalog = createCatalog({
    includeDefaults: false,
    // $0.000001 per 1M tokens = 1_000 nano-USD per 1M = 0.001 nano-USD per token
    prices: { "acme:tiny": { inputMtok: 0.000001, outputMtok: 0.000001 } },
  });

  it("rounds once per request, half-up, not per line", () => {
    // lines 300 × 1_000 / 1e6 = 0.3 and 200 × 1_000 / 1e6 = 0.2; per-line rounding would give 0
    const cost = calculateCost(
      { model: "acme:tiny", usage: { inputTokens: 300, outputTokens: 200 } },
      catalog,
    );
    expect(cost.totalNanoUsd).toBe(1);
    // 499 × 1_000 / 1e6 = 0.499 → 0
    const below = calculateCost(
      { model: "acme:tiny", usage: { inputTokens: 499, outputTokens: 0 } },
      catalog,
    );
    expect(below.totalNanoUsd).toBe(0);
  });

  it("stays exact when products pass 2^53 (BigInt path)", () => {
    // 3e9 input tokens × 15e9 nano-USD/MTok = 4.5e19 > 2^53; / 1e6 = 45e12 exactly
    const cost = calculateCost({
      model: "claude-sonnet-4-0",
      usage: { inputTokens: 3_000_000_000, outputTokens: 1 },
    });
    // Above 200K input tokens Sonnet 4 costs $6 in, $22.50 out (docs.anthropic.com/en/docs/
    // about-claude/pricing, long context; LiteLLM's map has the same step, 2026-07-24):
    // 3e9 × 6e9 + 1 × 22.5e9 = 1.8e19 + 2.25e10 → / 1e6 = 18_000_000_022_500
    expect(cost.totalNanoUsd).toBe(18_000_000_022_500);
  });

  it("prices a worst-case estimate as uncached input and full output", () => {
    const cost = calculateWorstCaseCost({
      model: "gpt-4o",
      provider: "openai.chat",
      inputTokens: 1_000,
      outputTokens: 4_096,
    });
    // 1_000 × 2.5e9 + 4_096 × 10e9 = 2.5e12 + 40.96e12 = 43.46e12
    expect(cost.totalNanoUsd).toBe(43_460_000);
  });
});

describe("calculateCost, errors", () => {
  it("refuses invalid usage with InvalidUsageError", () => {
    expect(() =>
      calculateCost({ model: "gpt-4o", usage: { inputTokens: -1, outputTokens: 0 } }),
    ).toThrow(InvalidUsageError);
    expect(() =>
      calculateCost({
        model: "gpt-4o",
        usage: { inputTokens: 10, cacheReadTokens: 11, outputTokens: 0 },
      }),
    ).toThrow(InvalidUsageError);
  });

  it("refuses input parts that together exceed the input total", () => {
    // gemini-3.1-flash-live-preview prices input audio apart: 60 read + 50 audio > 100 input
    expect(() =>
      calculateCost({
        model: "gemini-3.1-flash-live-preview",
        usage: { inputTokens: 100, cacheReadTokens: 60, inputAudioTokens: 50, outputTokens: 0 },
      }),
    ).toThrow(/add up to more than inputTokens/);
  });

  it("refuses an invalid `at`", () => {
    expect(() =>
      calculateCost({
        model: "gpt-4o",
        usage: { inputTokens: 1, outputTokens: 1 },
        at: "yesterday",
      }),
    ).toThrow(/Invalid "at" "yesterday"/);
  });

  it("never prices an unknown model as zero", () => {
    let caught: unknown;
    try {
      calculateCost({
        model: "gpt-9o",
        provider: "openai.chat",
        usage: { inputTokens: 1, outputTokens: 1 },
      });
    } catch (error) {
      caught = error;
    }
    expect(UnknownModelError.isInstance(caught)).toBe(true);
    const error = caught as UnknownModelError;
    expect(error.model).toBe("gpt-9o");
    expect(error.provider).toBe("openai");
    expect(error.suggestions).toContain("gpt-4o");
    expect(error.suggestions.length).toBeLessThanOrEqual(3);
    expect(error.message).toContain('prices: { "openai:gpt-9o": { inputMtok: …, outputMtok: … } }');
  });
});
