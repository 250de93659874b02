import { describe, expect, it } from "vitest";
import type { Usage } from "../usage/usage.js";
import { calculateCost } from "./calculate-cost.js";

/**
 * Golden set, part 2: long-context steps, cache writes (5 min / 1 h), reasoning, service tiers,
 * web search, audio, and the prices issue 14 found wrong in the 2026-08-21 catalog. Expected
 * costs are computed here from the USD prices typed below. Sources (checked 2026-12-08 with
 * the `search` tool, pages corpus; same keys as golden-prices.test.ts):
 *
 * - [OAI] benchr.org "GPT-5.5 pricing explained": above 272K input the whole request is billed
 *   $10 / $1 cached / $45, "across standard, batch, and flex"; Batch = 50 % (aipromptshub.co);
 *   flex / priority columns of openai.com/api/pricing; web search tool $10 per 1,000 calls;
 *   gpt-4o-audio-preview audio $40 in / $80 out per 1M; gpt-4o-2024-05-13 $5 / $15, no cached
 *   input price. GPT-5.6 Sol launched at $5 / $30 (bytechat.io, June 2026).
 * - [ANT] docs.anthropic.com pricing: 5-minute writes 1.25 × input, 1-hour writes 2 × input,
 *   reads 0.1 ×; Sonnet 4 / 4.5 above 200K input $6 / $22.50; batch 50 % with caching
 *   multipliers on top; web search $10 per 1,000 searches.
 * - [GOO] ai.google.dev pricing: Gemini 2.5 Pro above 200K $2.50 / $15 (cache $0.25); Gemini 2.5
 *   Flash audio input $1.00; Batch Mode 50 %; grounding with Google Search $35 per 1,000 prompts.
 * - [XAI] Grok 4 above 128K $6 / $30 (aitoolapp.com); Grok 4 Fast above 128K $0.40 / $1.00.
 * - [G+L] Grok 4.5 ($2 / $6, ×2 from 200K input): xAI's page is not in reach; genai-prices
 *   0.1.8 and LiteLLM (2026-07-24) agree, which is why it is kept.
 * - [I14] issue 14 (checked by a user against the providers' pages), with genai-prices 0.1.8's
 *   price notes: Sonnet 5 stays at its $2 / $10 launch price (the 2026-09-01 increase to $3 / $15
 *   was cancelled); GPT-5.6 Sol cut to $4 / $20 from 2026-08-21; DeepSeek V4 raised on
 *   2026-08-17 (Flash $0.22 / $0.007 cached / $0.66), doubled in peak hours 01-04 and 06-10 UTC
 *   (9-12 and 14-18 Beijing time, yangtzeer.com, June 2026).
 */

/** Exact nano-USD of `[units, USD per 1M units]` lines, rounded once half-up (as billed). */
function nanoUsd(lines: readonly (readonly [number, number])[]): number {
  let scaled = 0n; // nano-USD × 1e6
  for (const [units, usdPerMillion] of lines) {
    scaled += BigInt(units) * BigInt(Math.round(usdPerMillion * 1e9));
  }
  return Number((scaled + 500_000n) / 1_000_000n);
}

/** `requests` web searches at `usdPerThousand`, as a `[units, USD per 1M units]` line. */
const searches = (requests: number, usdPerThousand: number) =>
  [requests * 1000, usdPerThousand] as const;

function cost(model: string, usage: Usage, extra: { at?: string; serviceTier?: string } = {}) {
  return calculateCost({ model, usage, at: extra.at ?? "2026-12-01T12:00:00Z", ...extra });
}

describe("golden prices: long-context steps (whole request above the threshold)", () => {
  it("GPT-5.5 above 272K input [OAI]", () => {
    const below = { inputTokens: 271_000, outputTokens: 2_000 };
    expect(cost("gpt-5.5", below).totalNanoUsd).toBe(
      nanoUsd([
        [271_000, 5],
        [2_000, 30],
      ]),
    );
    const above = { inputTokens: 300_000, cacheReadTokens: 100_000, outputTokens: 2_000 };
    expect(cost("gpt-5.5", above).totalNanoUsd).toBe(
      nanoUsd([
        [200_000, 10],
        [100_000, 1],
        [2_000, 45],
      ]),
    );
  });

  it("Grok 4 and Grok 4 Fast above 128K [XAI], Grok 4.5 above 200K [G+L]", () => {
    const long = { inputTokens: 150_000, outputTokens: 1_000 };
    expect(cost("grok-4-0709", long).totalNanoUsd).toBe(
      nanoUsd([
        [150_000, 6],
        [1_000, 30],
      ]),
    );
    expect(cost("grok-4-fast-reasoning", long).totalNanoUsd).toBe(
      nanoUsd([
        [150_000, 0.4],
        [1_000, 1],
      ]),
    );
    const short = { inputTokens: 100_000, outputTokens: 1_000 };
    expect(cost("grok-4-0709", short).totalNanoUsd).toBe(
      nanoUsd([
        [100_000, 3],
        [1_000, 15],
      ]),
    );
    expect(cost("grok-4.5", { inputTokens: 250_000, outputTokens: 1_000 }).totalNanoUsd).toBe(
      nanoUsd([
        [250_000, 4],
        [1_000, 12],
      ]),
    );
    expect(cost("grok-4.5", short).totalNanoUsd).toBe(
      nanoUsd([
        [100_000, 2],
        [1_000, 6],
      ]),
    );
  });

  it("Claude Sonnet 4.5 and 4 above 200K [ANT], Gemini 2.5 Pro above 200K [GOO]", () => {
    const long = { inputTokens: 250_000, outputTokens: 1_000 };
    const sonnet = nanoUsd([
      [250_000, 6],
      [1_000, 22.5],
    ]);
    expect(cost("claude-sonnet-4-5", long).totalNanoUsd).toBe(sonnet);
    expect(cost("claude-sonnet-4-20250514", long).totalNanoUsd).toBe(sonnet);
    const cached = { inputTokens: 250_000, cacheReadTokens: 50_000, outputTokens: 1_000 };
    expect(cost("gemini-2.5-pro", cached).totalNanoUsd).toBe(
      nanoUsd([
        [200_000, 2.5],
        [50_000, 0.25],
        [1_000, 15],
      ]),
    );
  });
});

describe("golden prices: cache writes and reasoning", () => {
  // 20,000 input: 5,000 uncached, 5,000 cache reads, 10,000 cache writes (4,000 of them 1 h).
  const usage: Usage = {
    inputTokens: 20_000,
    cacheReadTokens: 5_000,
    cacheWriteTokens: 10_000,
    cacheWrite1hTokens: 4_000,
    outputTokens: 2_000,
  };

  it.each([
    ["claude-opus-4-5", 5, 25],
    ["claude-haiku-4-5", 1, 5],
    ["claude-sonnet-5", 2, 10],
  ] as const)(
    "%s: 5 m writes 1.25 ×, 1 h writes 2 ×, reads 0.1 × input [ANT]",
    (model, input, output) => {
      expect(cost(model, usage).totalNanoUsd).toBe(
        nanoUsd([
          [5_000, input],
          [5_000, input * 0.1],
          [6_000, input * 1.25],
          [4_000, input * 2],
          [2_000, output],
        ]),
      );
    },
  );

  it("o3 reasoning tokens are output tokens at the output price [OAI]", () => {
    const reasoning = { inputTokens: 10_000, outputTokens: 5_000, reasoningTokens: 4_000 };
    expect(cost("o3", reasoning).totalNanoUsd).toBe(
      nanoUsd([
        [10_000, 2],
        [5_000, 8],
      ]),
    );
  });
});

describe("golden prices: service tiers", () => {
  const usage: Usage = { inputTokens: 10_000, cacheReadTokens: 2_000, outputTokens: 1_000 };
  const priced = (input: number, cacheRead: number, output: number) =>
    nanoUsd([
      [8_000, input],
      [2_000, cacheRead],
      [1_000, output],
    ]);

  it("gpt-5-mini flex, priority, batch and default [OAI]", () => {
    expect(cost("gpt-5-mini", usage, { serviceTier: "flex" })).toMatchObject({
      totalNanoUsd: priced(0.125, 0.0125, 1),
      serviceTier: "flex",
    });
    expect(cost("gpt-5-mini", usage, { serviceTier: "priority" }).totalNanoUsd).toBe(
      priced(0.45, 0.045, 3.6),
    );
    expect(cost("gpt-5-mini", usage, { serviceTier: "batch" }).totalNanoUsd).toBe(
      priced(0.125, 0.0125, 1),
    );
    expect(cost("gpt-5-mini", usage, { serviceTier: "default" })).toMatchObject({
      totalNanoUsd: priced(0.25, 0.025, 2),
      serviceTier: "standard",
    });
  });

  it("GPT-5.5 batch keeps the long-context step [OAI]", () => {
    const long = { inputTokens: 300_000, outputTokens: 2_000 };
    expect(cost("gpt-5.5", long, { serviceTier: "batch" }).totalNanoUsd).toBe(
      nanoUsd([
        [300_000, 5],
        [2_000, 22.5],
      ]),
    );
  });

  it("Anthropic batch halves every kind, caching on top [ANT]; Gemini batch [GOO]", () => {
    const cached = {
      inputTokens: 20_000,
      cacheReadTokens: 5_000,
      cacheWriteTokens: 5_000,
      outputTokens: 2_000,
    };
    expect(cost("claude-sonnet-4-5", cached, { serviceTier: "batch" }).totalNanoUsd).toBe(
      nanoUsd([
        [10_000, 1.5],
        [5_000, 0.15],
        [5_000, 1.875],
        [2_000, 7.5],
      ]),
    );
    const plain = { inputTokens: 10_000, outputTokens: 1_000 };
    expect(cost("gemini-2.5-pro", plain, { serviceTier: "batch" }).totalNanoUsd).toBe(
      nanoUsd([
        [10_000, 0.625],
        [1_000, 5],
      ]),
    );
  });

  it("an unknown tier is charged at the highest-priced known tier, and says so", () => {
    expect(cost("gpt-5-mini", usage, { serviceTier: "ultra" })).toMatchObject({
      totalNanoUsd: priced(0.45, 0.045, 3.6),
      serviceTier: "priority",
      unpricedServiceTier: "ultra",
    });
    // Claude Haiku 4.5 has no priority price in the data: charged at its highest, standard.
    expect(cost("claude-haiku-4-5", usage, { serviceTier: "priority" })).toMatchObject({
      totalNanoUsd: priced(1, 0.1, 5),
      serviceTier: "standard",
      unpricedServiceTier: "priority",
    });
  });
});

describe("golden prices: web search and audio", () => {
  const usage: Usage = { inputTokens: 10_000, outputTokens: 1_000 };

  it("web-search requests where the provider prices them [OAI] [ANT] [GOO]", () => {
    expect(cost("gpt-5", { ...usage, webSearchRequests: 3 }).totalNanoUsd).toBe(
      nanoUsd([[10_000, 1.25], [1_000, 10], searches(3, 10)]),
    );
    expect(cost("claude-opus-4-5", { ...usage, webSearchRequests: 2 }).totalNanoUsd).toBe(
      nanoUsd([[10_000, 5], [1_000, 25], searches(2, 10)]),
    );
    expect(cost("gemini-2.5-flash", { ...usage, webSearchRequests: 1 }).totalNanoUsd).toBe(
      nanoUsd([[10_000, 0.3], [1_000, 2.5], searches(1, 35)]),
    );
  });

  it("web searches a model has no price for are named, not silently free", () => {
    const breakdown = cost("deepseek-v4-flash", { ...usage, webSearchRequests: 2 });
    expect(breakdown.unpricedUnits).toEqual(["webSearchRequests"]);
  });

  it("audio of gpt-4o-audio-preview at the audio rate [OAI], Gemini 2.5 Flash audio in [GOO]", () => {
    const audio = {
      inputTokens: 3_000,
      inputAudioTokens: 2_000,
      outputTokens: 1_500,
      outputAudioTokens: 1_000,
    };
    expect(cost("gpt-4o-audio-preview", audio).totalNanoUsd).toBe(
      nanoUsd([
        [1_000, 2.5],
        [2_000, 40],
        [500, 10],
        [1_000, 80],
      ]),
    );
    const heard = { inputTokens: 3_000, inputAudioTokens: 2_000, outputTokens: 500 };
    expect(cost("gemini-2.5-flash", heard).totalNanoUsd).toBe(
      nanoUsd([
        [1_000, 0.3],
        [2_000, 1],
        [500, 2.5],
      ]),
    );
  });
});

describe("golden prices: what the 2026-08-21 catalog had wrong [I14]", () => {
  const usage: Usage = { inputTokens: 10_000, cacheReadTokens: 2_000, outputTokens: 1_000 };

  it("Claude Sonnet 5 stays at $2 / $10 after 2026-09-01 (the increase was cancelled)", () => {
    expect(cost("claude-sonnet-5", usage, { at: "2026-10-01T12:00:00Z" }).totalNanoUsd).toBe(
      nanoUsd([
        [8_000, 2],
        [2_000, 0.2],
        [1_000, 10],
      ]),
    );
  });

  it("GPT-5.6 Sol: $5 / $30 at launch [OAI], $4 / $20 from 2026-08-21", () => {
    const plain = { inputTokens: 10_000, outputTokens: 1_000 };
    expect(cost("gpt-5.6-sol", plain, { at: "2026-07-15T12:00:00Z" }).totalNanoUsd).toBe(
      nanoUsd([
        [10_000, 5],
        [1_000, 30],
      ]),
    );
    expect(cost("gpt-5.6-sol", plain, { at: "2026-09-01T12:00:00Z" }).totalNanoUsd).toBe(
      nanoUsd([
        [10_000, 4],
        [1_000, 20],
      ]),
    );
  });

  it("DeepSeek V4 Flash raised on 2026-08-17, doubled in peak hours", () => {
    expect(cost("deepseek-v4-flash", usage, { at: "2026-09-01T12:00:00Z" }).totalNanoUsd).toBe(
      nanoUsd([
        [8_000, 0.22],
        [2_000, 0.007],
        [1_000, 0.66],
      ]),
    );
    expect(cost("deepseek-v4-flash", usage, { at: "2026-09-01T02:00:00Z" }).totalNanoUsd).toBe(
      nanoUsd([
        [8_000, 0.44],
        [2_000, 0.014],
        [1_000, 1.32],
      ]),
    );
  });

  it("gpt-4o-2024-05-13 keeps its launch price and has no cached-input discount [OAI]", () => {
    expect(cost("gpt-4o-2024-05-13", usage)).toMatchObject({
      model: "gpt-4o-2024-05-13",
      totalNanoUsd: nanoUsd([
        [10_000, 5],
        [1_000, 15],
      ]),
    });
  });
});
