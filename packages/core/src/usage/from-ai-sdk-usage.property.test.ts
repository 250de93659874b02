import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_TOKENS, validUsageArbitrary } from "./__fixtures__/usage-arbitraries.js";
import { expectedFrom, expectSound, uncached } from "./__fixtures__/usage-expectations.js";
import { fromAiSdkEmbeddingUsage, fromAiSdkUsage, type Usage } from "./index.js";
import type { UsagePartField } from "./usage-fields.js";

describe("AI SDK normalizer properties: a valid payload round-trips to the call's true usage", () => {
  it("fromAiSdkUsage, AI SDK 5 flat usage per provider", () => {
    const provider = fc.constantFrom("openai.chat", "anthropic.messages", "google.generative-ai");
    fc.assert(
      fc.property(validUsageArbitrary, provider, (truth, providerName) => {
        let usage: Usage | undefined;
        let parts: UsagePartField[];
        if (providerName === "anthropic.messages") {
          usage = fromAiSdkUsage(
            {
              inputTokens: uncached(truth),
              outputTokens: truth.outputTokens,
              cachedInputTokens: truth.cacheReadTokens,
            },
            {
              provider: providerName,
              providerMetadata: {
                anthropic: {
                  cacheCreationInputTokens: truth.cacheWriteTokens ?? null,
                  usage: {
                    cache_creation: { ephemeral_1h_input_tokens: truth.cacheWrite1hTokens },
                  },
                },
              },
            },
          );
          parts = ["cacheReadTokens", "cacheWriteTokens", "cacheWrite1hTokens"];
        } else if (providerName === "google.generative-ai") {
          const reasoning = truth.reasoningTokens;
          usage = fromAiSdkUsage(
            {
              inputTokens: truth.inputTokens,
              outputTokens: truth.outputTokens - (reasoning ?? 0),
              reasoningTokens: reasoning,
              cachedInputTokens: truth.cacheReadTokens,
            },
            { provider: providerName },
          );
          parts = ["cacheReadTokens", "reasoningTokens"];
        } else {
          usage = fromAiSdkUsage(
            {
              inputTokens: truth.inputTokens,
              outputTokens: truth.outputTokens,
              reasoningTokens: truth.reasoningTokens,
              cachedInputTokens: truth.cacheReadTokens,
            },
            {
              provider: providerName,
              providerMetadata: { openai: { usage: { cacheWriteTokens: truth.cacheWriteTokens } } },
            },
          );
          parts = ["cacheReadTokens", "cacheWriteTokens", "reasoningTokens"];
        }
        expectSound(usage);
        expect(usage).toStrictEqual(expectedFrom(truth, parts));
      }),
    );
  });

  it("fromAiSdkUsage, AI SDK 6/7 nested and result-level usage, totals given or derived", () => {
    const provider = fc.constantFrom(
      "openai.responses",
      "anthropic.messages",
      "google.generative-ai",
      "gateway",
    );
    fc.assert(
      fc.property(
        validUsageArbitrary,
        provider,
        fc.boolean(),
        fc.boolean(),
        (truth, providerName, resultLevel, withTotals) => {
          const inputTotal = withTotals ? truth.inputTokens : undefined;
          const outputTotal = withTotals ? truth.outputTokens : undefined;
          const noCache = uncached(truth);
          const text = truth.outputTokens - (truth.reasoningTokens ?? 0);
          const payload = resultLevel
            ? {
                inputTokens: inputTotal,
                inputTokenDetails: {
                  noCacheTokens: noCache,
                  cacheReadTokens: truth.cacheReadTokens,
                  cacheWriteTokens: truth.cacheWriteTokens,
                },
                outputTokens: outputTotal,
                outputTokenDetails: { textTokens: text, reasoningTokens: truth.reasoningTokens },
              }
            : {
                inputTokens: {
                  total: inputTotal,
                  noCache,
                  cacheRead: truth.cacheReadTokens,
                  cacheWrite: truth.cacheWriteTokens,
                },
                outputTokens: { total: outputTotal, text, reasoning: truth.reasoningTokens },
              };
          const usage = fromAiSdkUsage(payload, { provider: providerName });
          expectSound(usage);
          expect(usage).toStrictEqual(
            expectedFrom(truth, ["cacheReadTokens", "cacheWriteTokens", "reasoningTokens"]),
          );
        },
      ),
    );
  });

  it("fromAiSdkEmbeddingUsage", () => {
    fc.assert(
      fc.property(fc.nat({ max: MAX_TOKENS }), (tokens) => {
        const usage = fromAiSdkEmbeddingUsage({ tokens });
        expectSound(usage);
        expect(usage).toStrictEqual({ inputTokens: tokens, outputTokens: 0 });
      }),
    );
  });
});
