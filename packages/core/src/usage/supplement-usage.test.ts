import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { supplementUsage } from "./supplement-usage.js";

describe("supplementUsage", () => {
  it("adds Anthropic's 1-hour write share and thinking tokens that usage_metadata dropped", () => {
    const usage = {
      inputTokens: 3050,
      cacheReadTokens: 1000,
      cacheWriteTokens: 2000,
      outputTokens: 100,
    };
    const raw = {
      input_tokens: 50,
      cache_creation: { ephemeral_5m_input_tokens: 500, ephemeral_1h_input_tokens: 1500 },
      output_tokens_details: { thinking_tokens: 40 },
    };
    expect(supplementUsage(usage, raw)).toEqual({
      ...usage,
      cacheWrite1hTokens: 1500,
      reasoningTokens: 40,
    });
  });

  it("adds OpenAI cache writes beside the cached reads, inside the input", () => {
    const usage = { inputTokens: 2600, cacheReadTokens: 2000, outputTokens: 120 };
    const raw = { input_tokens_details: { cached_tokens: 2000, cache_write_tokens: 400 } };
    expect(supplementUsage(usage, raw)).toEqual({ ...usage, cacheWriteTokens: 400 });
  });

  it("keeps what the framework reported and ignores a missing raw object", () => {
    const usage = { inputTokens: 10, outputTokens: 5, reasoningTokens: 2 };
    expect(supplementUsage(usage, { output_tokens_details: { thinking_tokens: 4 } })).toEqual(
      usage,
    );
    expect(supplementUsage(usage, undefined)).toBe(usage);
  });

  it("never changes a total and keeps every part inside it", () => {
    const count = fc.nat({ max: 1_000_000 });
    fc.assert(
      fc.property(count, count, count, count, count, (input, output, write, write1h, thinking) => {
        const usage = {
          inputTokens: input,
          outputTokens: output,
          cacheWriteTokens: Math.min(write, input),
        };
        const raw = {
          cache_creation: { ephemeral_1h_input_tokens: write1h },
          output_tokens_details: { thinking_tokens: thinking },
        };
        const result = supplementUsage(usage, raw);
        expect(result.inputTokens).toBe(input);
        expect(result.outputTokens).toBe(output);
        expect(result.cacheWrite1hTokens ?? 0).toBeLessThanOrEqual(result.cacheWriteTokens ?? 0);
        expect(result.reasoningTokens ?? 0).toBeLessThanOrEqual(output);
      }),
    );
  });
});
