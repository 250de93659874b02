import { describe, expect, it } from "vitest";
import type { Usage } from "../usage/usage.js";
import { calculateCost } from "./calculate-cost.js";

/**
 * Golden set, part 1: today's most used models at their providers' published list prices.
 * Every expected cost is computed here from the USD prices typed below, never by the code under
 * test. Prices checked 2026-12-08 through the `search` tool (pages corpus) against:
 *
 * - [OAI] openai.com/api/pricing as tabled by morphllm.com/openai-api-pricing and
 *   aipromptshub.co (June 2026), benchr.org "GPT-5.5 pricing explained" (272K step),
 *   swfte.com (gpt-4o, gpt-4o-mini, gpt-5-nano, May 2026); GPT-5.6 launch prices: bytechat.io,
 *   laxima.tech quoting OpenAI's Help Center (June 2026).
 * - [ANT] docs.anthropic.com/en/docs/about-claude/pricing (Opus 4.1, Sonnet 4, Haiku 3/3.5 rows
 *   incl. 5m/1h writes, batch and the >200K long-context row), deploybase.ai (Opus 4.5/4.6,
 *   Sonnet 4.5, Haiku 4.5, March 2026), platform.claude.com "What's new in Sonnet 5".
 * - [XAI] docs.x.ai models page (archived Oct 2025) and aitoolapp.com (Grok 4 >128K: $6/$30).
 * - [DS] api-docs.deepseek.com/quick_start/pricing (archived 2026-04-26; V4-Pro cut made
 *   permanent: apidog.com, May 2026); peak-hour doubling: yangtzeer.com (June 2026).
 * - [GOO] ai.google.dev/gemini-api/docs/pricing (Gemini 2.5 rows) as known 2026-12-08.
 * - [MIS] mistral.ai/pricing as known 2026-12-08.
 *
 * Prices not verifiable on a provider page (e.g. Grok 4.5's cache read, where genai-prices and
 * LiteLLM disagree) are left out.
 */

/** Exact nano-USD of `[tokens, USD per 1M tokens]` lines, rounded once half-up (as billed). */
function nanoUsd(lines: readonly (readonly [number, number])[]): number {
  let scaled = 0n; // nano-USD × 1e6
  for (const [tokens, usdPerMtok] of lines) {
    scaled += BigInt(tokens) * BigInt(Math.round(usdPerMtok * 1e9));
  }
  return Number((scaled + 500_000n) / 1_000_000n);
}

const AT = "2026-12-01T12:00:00Z"; // noon UTC: outside DeepSeek's peak windows
/** 10,000 input (2,000 of them cache reads) and 1,000 output tokens. */
const CACHED: Usage = { inputTokens: 10_000, cacheReadTokens: 2_000, outputTokens: 1_000 };
const PLAIN: Usage = { inputTokens: 10_000, outputTokens: 1_000 };

/** `[model, usage, [input, cache read?, output] USD per 1M tokens]`: expected from the prices. */
type Case = readonly [model: string, usage: Usage, prices: readonly [number, number, number]];

function expectedOf(usage: Usage, [input, cacheRead, output]: readonly [number, number, number]) {
  const cached = usage.cacheReadTokens ?? 0;
  return nanoUsd([
    [usage.inputTokens - cached, input],
    [cached, cacheRead],
    [usage.outputTokens, output],
  ]);
}

const CASES: readonly Case[] = [
  // OpenAI [OAI]
  ["gpt-5.5", CACHED, [5, 0.5, 30]],
  ["gpt-5.5-pro", PLAIN, [30, 30, 180]],
  ["gpt-5.4", CACHED, [2.5, 0.25, 15]],
  ["gpt-5.4-mini", CACHED, [0.75, 0.075, 4.5]],
  ["gpt-5.4-nano", CACHED, [0.2, 0.02, 1.25]],
  ["gpt-5.4-pro", PLAIN, [30, 30, 180]],
  ["gpt-5", CACHED, [1.25, 0.125, 10]],
  ["gpt-5-mini", CACHED, [0.25, 0.025, 2]],
  ["gpt-5-nano", CACHED, [0.05, 0.005, 0.4]],
  ["gpt-4.1", CACHED, [2, 0.5, 8]],
  ["gpt-4.1-mini", CACHED, [0.4, 0.1, 1.6]],
  ["gpt-4o", CACHED, [2.5, 1.25, 10]],
  ["gpt-4o-2024-08-06", CACHED, [2.5, 1.25, 10]],
  ["gpt-4o-mini", CACHED, [0.15, 0.075, 0.6]],
  ["o3", CACHED, [2, 0.5, 8]],
  ["o4-mini", CACHED, [1.1, 0.275, 4.4]],
  // Anthropic [ANT] (cache reads 0.1 × input)
  ["claude-opus-4-5", CACHED, [5, 0.5, 25]],
  ["claude-opus-4-6", CACHED, [5, 0.5, 25]],
  ["claude-opus-4-1", CACHED, [15, 1.5, 75]],
  ["claude-sonnet-4-5", CACHED, [3, 0.3, 15]],
  ["claude-sonnet-4-0", CACHED, [3, 0.3, 15]],
  ["claude-haiku-4-5", CACHED, [1, 0.1, 5]],
  ["claude-3-5-haiku-latest", CACHED, [0.8, 0.08, 4]],
  ["claude-3-haiku-20240307", CACHED, [0.25, 0.03, 1.25]],
  // Google [GOO]
  ["gemini-2.5-pro", CACHED, [1.25, 0.125, 10]],
  ["gemini-2.5-flash", CACHED, [0.3, 0.03, 2.5]],
  ["gemini-2.5-flash-lite", CACHED, [0.1, 0.01, 0.4]],
  // xAI [XAI]
  ["grok-4-0709", CACHED, [3, 0.75, 15]],
  ["grok-4-fast-reasoning", CACHED, [0.2, 0.05, 0.5]],
  ["grok-3", CACHED, [3, 0.75, 15]],
  ["grok-3-mini", CACHED, [0.3, 0.075, 0.5]],
  ["grok-code-fast-1", CACHED, [0.2, 0.02, 1.5]],
  // Mistral [MIS]
  ["mistral-small-latest", PLAIN, [0.1, 0.1, 0.3]],
  ["codestral", PLAIN, [0.3, 0.3, 0.9]],
  ["ministral-8b", PLAIN, [0.1, 0.1, 0.1]],
  ["devstral-small", PLAIN, [0.1, 0.1, 0.3]],
  // Embeddings [OAI] [GOO] [MIS]: input only
  ["text-embedding-3-small", { inputTokens: 50_000, outputTokens: 0 }, [0.02, 0.02, 0]],
  ["text-embedding-3-large", { inputTokens: 50_000, outputTokens: 0 }, [0.13, 0.13, 0]],
  ["gemini-embedding-001", { inputTokens: 50_000, outputTokens: 0 }, [0.15, 0.15, 0]],
  ["mistral-embed", { inputTokens: 50_000, outputTokens: 0 }, [0.1, 0.1, 0]],
];

describe("golden prices: list prices of today's most used models", () => {
  it.each(CASES)("%s", (model, usage, prices) => {
    const cost = calculateCost({ model, usage, at: AT });
    expect(cost.totalNanoUsd).toBe(expectedOf(usage, prices));
  });

  it("covers at least 40 models", () => {
    expect(new Set(CASES.map(([model]) => model)).size).toBeGreaterThanOrEqual(40);
  });

  it("prices DeepSeek V4 at the list price before 2026-08-17 [DS]", () => {
    const at = "2026-07-01T12:00:00Z";
    expect(calculateCost({ model: "deepseek-v4-flash", usage: CACHED, at }).totalNanoUsd).toBe(
      expectedOf(CACHED, [0.14, 0.0028, 0.28]),
    );
    expect(calculateCost({ model: "deepseek-v4-pro", usage: CACHED, at }).totalNanoUsd).toBe(
      expectedOf(CACHED, [0.435, 0.003625, 0.87]),
    );
  });
});
