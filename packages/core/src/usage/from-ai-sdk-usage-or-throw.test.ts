import { describe, expect, it } from "vitest";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { calculateCost } from "../pricing/calculate-cost.js";
import { fromAiSdkUsageOrThrow } from "./from-ai-sdk-usage-or-throw.js";

describe("fromAiSdkUsageOrThrow", () => {
  it("returns the normalized usage of an ai@6/ai@7 result", () => {
    const usage = fromAiSdkUsageOrThrow({
      inputTokens: 1000,
      inputTokenDetails: { noCacheTokens: 600, cacheReadTokens: 400, cacheWriteTokens: 0 },
      outputTokens: 200,
      outputTokenDetails: { textTokens: 200, reasoningTokens: 0 },
      totalTokens: 1200,
    });
    expect(usage).toMatchObject({ inputTokens: 1000, cacheReadTokens: 400, outputTokens: 200 });
    // gpt-4o (genai-prices, 2026-11): 600 × $2.50/M + 400 × $1.25/M + 200 × $10/M
    // = 1,500 + 500 + 2,000 = 4,000 USD/1M = 4,000,000 nano-USD.
    expect(calculateCost({ model: "openai:gpt-4o", usage }).totalNanoUsd).toBe(4_000_000);
  });

  it("throws InvalidUsageError naming the fix when the provider reported no usage", () => {
    const call = () => fromAiSdkUsageOrThrow({ inputTokens: undefined, outputTokens: undefined });
    expect(call).toThrow(InvalidUsageError);
    expect(call).toThrow(
      /^AI SDK usage has no input or output token total: the provider did not report usage for this call\. Use fromAiSdkUsage and handle undefined/,
    );
    expect(() => fromAiSdkUsageOrThrow(undefined)).toThrow(InvalidUsageError);
  });
});
