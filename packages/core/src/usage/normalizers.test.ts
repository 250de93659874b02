import { describe, expect, it } from "vitest";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import {
  fromAiSdkEmbeddingUsage,
  fromAiSdkUsage,
  fromAnthropicUsage,
  fromGoogleUsage,
  fromLangChainTokenUsage,
  fromLangChainUsage,
  fromOpenAIUsage,
} from "./index.js";

function catchInvalidUsage(action: () => unknown): InvalidUsageError {
  try {
    action();
  } catch (error) {
    expect(InvalidUsageError.isInstance(error)).toBe(true);
    return error as InvalidUsageError;
  }
  throw new Error("expected an InvalidUsageError, nothing was thrown");
}

describe("normalizers: unknown usage is undefined, never zeros", () => {
  it.each([undefined, null, "usage", 42])("every normalizer returns undefined for %j", (value) => {
    expect(fromOpenAIUsage(value)).toBeUndefined();
    expect(fromAnthropicUsage(value)).toBeUndefined();
    expect(fromGoogleUsage(value)).toBeUndefined();
    expect(fromLangChainUsage(value)).toBeUndefined();
    expect(fromLangChainTokenUsage(value)).toBeUndefined();
    expect(fromAiSdkUsage(value)).toBeUndefined();
    expect(fromAiSdkEmbeddingUsage(value)).toBeUndefined();
  });

  it("AI SDK NaN counts (its 'no usage' value) are unknown in every shape", () => {
    const nan = Number.NaN;
    expect(
      fromAiSdkUsage({ inputTokens: nan, outputTokens: nan, totalTokens: nan }),
    ).toBeUndefined();
    expect(
      fromAiSdkUsage({
        inputTokens: { total: nan, noCache: nan, cacheRead: nan, cacheWrite: nan },
        outputTokens: { total: nan, text: nan, reasoning: nan },
      }),
    ).toBeUndefined();
    expect(fromAiSdkEmbeddingUsage({ tokens: nan })).toBeUndefined();
  });

  it("an AI SDK part that is NaN is dropped, the totals kept", () => {
    expect(
      fromAiSdkUsage({ inputTokens: 10, outputTokens: 4, cachedInputTokens: Number.NaN }),
    ).toStrictEqual({ inputTokens: 10, outputTokens: 4 });
  });

  it("a known input with an unknown output is still unknown", () => {
    expect(fromAiSdkUsage({ inputTokens: { total: 10 }, outputTokens: {} })).toBeUndefined();
    expect(fromOpenAIUsage({ prompt_tokens: 10, total_tokens: 30 })).toBeUndefined();
  });
});

describe("normalizers: irreconcilable counts throw with the source named", () => {
  it("OpenAI: cached_tokens larger than prompt_tokens", () => {
    const error = catchInvalidUsage(() =>
      fromOpenAIUsage({
        prompt_tokens: 10,
        completion_tokens: 1,
        prompt_tokens_details: { cached_tokens: 11 },
      }),
    );
    expect(error.field).toBe("cacheReadTokens");
    expect(error.message).toContain(
      "Invalid usage from OpenAI usage (fromOpenAIUsage): cacheReadTokens (11) is larger than inputTokens (10)",
    );
  });

  it("OpenAI: a count sent as a string names the raw field", () => {
    const error = catchInvalidUsage(() =>
      fromOpenAIUsage({ prompt_tokens: "10", completion_tokens: 1 }),
    );
    expect(error.field).toBe("prompt_tokens");
    expect(error.message).toContain(
      "OpenAI usage (fromOpenAIUsage): prompt_tokens must be a number",
    );
  });

  it("Anthropic: 1-hour writes larger than all writes", () => {
    const error = catchInvalidUsage(() =>
      fromAnthropicUsage({
        input_tokens: 1,
        cache_creation_input_tokens: 100,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 150 },
        output_tokens: 1,
      }),
    );
    expect(error.field).toBe("cacheWrite1hTokens");
    expect(error.message).toContain("Anthropic usage (fromAnthropicUsage)");
  });

  it("Anthropic: a negative raw count names the raw field before any sum hides it", () => {
    // -5 + 10 would be a plausible 5 if summed first.
    const error = catchInvalidUsage(() =>
      fromAnthropicUsage({ input_tokens: -5, cache_read_input_tokens: 10, output_tokens: 1 }),
    );
    expect(error.field).toBe("input_tokens");
    expect(error.value).toBe(-5);
  });

  it("Google: a fractional thoughtsTokenCount", () => {
    const error = catchInvalidUsage(() =>
      fromGoogleUsage({ promptTokenCount: 3, candidatesTokenCount: 2, thoughtsTokenCount: 1.5 }),
    );
    expect(error.field).toBe("thoughtsTokenCount");
    expect(error.message).toContain("Google usageMetadata (fromGoogleUsage)");
  });

  it("Google: cached content larger than the prompt", () => {
    const error = catchInvalidUsage(() =>
      fromGoogleUsage({ promptTokenCount: 3, cachedContentTokenCount: 4 }),
    );
    expect(error.field).toBe("cacheReadTokens");
  });

  it("LangChain: reasoning larger than output", () => {
    const error = catchInvalidUsage(() =>
      fromLangChainUsage({
        input_tokens: 1,
        output_tokens: 2,
        output_token_details: { reasoning: 3 },
      }),
    );
    expect(error.message).toContain(
      "LangChain usage_metadata (fromLangChainUsage): reasoningTokens (3)",
    );
  });

  it("AI SDK 5 Google without provider: reasoning outside output cannot be reconciled", () => {
    const error = catchInvalidUsage(() =>
      fromAiSdkUsage({ inputTokens: 1204, outputTokens: 310, reasoningTokens: 857 }),
    );
    expect(error.field).toBe("reasoningTokens");
    expect(error.message).toContain(
      "Invalid usage from AI SDK usage (fromAiSdkUsage): reasoningTokens (857)",
    );
  });

  it("AI SDK: the provider is named in the message", () => {
    const error = catchInvalidUsage(() =>
      fromAiSdkUsage(
        { inputTokens: { total: 5, cacheRead: 6 }, outputTokens: { total: 1 } },
        { provider: "openai.responses" },
      ),
    );
    expect(error.message).toContain(
      'AI SDK usage (fromAiSdkUsage) for provider "openai.responses"',
    );
  });

  it("AI SDK: a fractional count is rejected, not rounded", () => {
    const error = catchInvalidUsage(() => fromAiSdkUsage({ inputTokens: 2.5, outputTokens: 1 }));
    expect(error.field).toBe("inputTokens");
    expect(error.value).toBe(2.5);
  });

  it("AI SDK embeddings: negative tokens", () => {
    expect(catchInvalidUsage(() => fromAiSdkEmbeddingUsage({ tokens: -1 })).field).toBe("tokens");
  });
});

describe("normalizers: AI SDK shape detection", () => {
  it("the same Anthropic call gives the same usage in all four shapes", () => {
    // Raw call: 50 uncached + 30 written + 20 read = 100 input, 20 output.
    const expected = {
      inputTokens: 100,
      cacheReadTokens: 20,
      cacheWriteTokens: 30,
      outputTokens: 20,
    };
    const provider = "anthropic.messages";
    const v2 = fromAiSdkUsage(
      { inputTokens: 50, outputTokens: 20, totalTokens: 70, cachedInputTokens: 20 },
      { provider, providerMetadata: { anthropic: { cacheCreationInputTokens: 30 } } },
    );
    const v3 = fromAiSdkUsage(
      {
        inputTokens: { total: 100, noCache: 50, cacheRead: 20, cacheWrite: 30 },
        outputTokens: { total: 20 },
      },
      { provider },
    );
    const result = fromAiSdkUsage(
      {
        inputTokens: 100,
        inputTokenDetails: { noCacheTokens: 50, cacheReadTokens: 20, cacheWriteTokens: 30 },
        outputTokens: 20,
        outputTokenDetails: {},
        totalTokens: 120,
      },
      { provider },
    );
    const raw = fromAnthropicUsage({
      input_tokens: 50,
      cache_creation_input_tokens: 30,
      cache_read_input_tokens: 20,
      output_tokens: 20,
    });
    expect([v2, v3, result, raw]).toStrictEqual([expected, expected, expected, expected]);
  });

  it("flat V2 Anthropic without the provider is not corrected (the provider is required)", () => {
    expect(
      fromAiSdkUsage(
        { inputTokens: 50, outputTokens: 20, cachedInputTokens: 20 },
        { providerMetadata: { anthropic: { cacheCreationInputTokens: 30 } } },
      ),
    ).toStrictEqual({ inputTokens: 50, cacheReadTokens: 20, outputTokens: 20 });
  });

  it("a nested usage without raw is not mistaken for a converted V2 usage", () => {
    // ai@7 summed steps drop raw: the totals are V3 (cache-inclusive) and must not be re-added.
    expect(
      fromAiSdkUsage(
        { inputTokens: { total: 100, cacheRead: 20 }, outputTokens: { total: 20 } },
        {
          provider: "anthropic.messages",
          providerMetadata: { anthropic: { cacheCreationInputTokens: 30 } },
        },
      ),
    ).toStrictEqual({ inputTokens: 100, cacheReadTokens: 20, outputTokens: 20 });
  });
});
