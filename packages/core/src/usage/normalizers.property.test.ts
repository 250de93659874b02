import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_TOKENS, validUsageArbitrary } from "./__fixtures__/usage-arbitraries.js";
import { expectedFrom, expectSound, uncached } from "./__fixtures__/usage-expectations.js";
import {
  fromAnthropicUsage,
  fromGoogleUsage,
  fromLangChainUsage,
  fromOpenAIUsage,
} from "./index.js";
import type { UsagePartField } from "./usage-fields.js";

describe("normalizer properties: a valid payload round-trips to the call's true usage", () => {
  it("fromOpenAIUsage, Chat Completions and Responses", () => {
    fc.assert(
      fc.property(validUsageArbitrary, fc.boolean(), (truth, responses) => {
        const inputDetails = {
          cached_tokens: truth.cacheReadTokens,
          cache_write_tokens: truth.cacheWriteTokens,
          audio_tokens: truth.inputAudioTokens,
          image_tokens: responses ? truth.inputImageTokens : undefined,
        };
        const outputDetails = {
          reasoning_tokens: truth.reasoningTokens,
          audio_tokens: truth.outputAudioTokens,
        };
        const raw = responses
          ? {
              input_tokens: truth.inputTokens,
              output_tokens: truth.outputTokens,
              input_tokens_details: inputDetails,
              output_tokens_details: outputDetails,
            }
          : {
              prompt_tokens: truth.inputTokens,
              completion_tokens: truth.outputTokens,
              prompt_tokens_details: inputDetails,
              completion_tokens_details: outputDetails,
            };
        const usage = fromOpenAIUsage(raw);
        expectSound(usage);
        const parts: UsagePartField[] = [
          "cacheReadTokens",
          "cacheWriteTokens",
          "inputAudioTokens",
          "reasoningTokens",
          "outputAudioTokens",
        ];
        if (responses) parts.push("inputImageTokens");
        expect(usage).toStrictEqual(expectedFrom(truth, parts));
      }),
    );
  });

  it("fromAnthropicUsage: input_tokens without cache", () => {
    fc.assert(
      fc.property(validUsageArbitrary, (truth) => {
        const writes = truth.cacheWriteTokens;
        const usage = fromAnthropicUsage({
          input_tokens: uncached(truth),
          cache_read_input_tokens: truth.cacheReadTokens ?? null,
          cache_creation_input_tokens: writes ?? null,
          cache_creation:
            writes === undefined
              ? undefined
              : {
                  ephemeral_5m_input_tokens: writes - (truth.cacheWrite1hTokens ?? 0),
                  ephemeral_1h_input_tokens: truth.cacheWrite1hTokens ?? 0,
                },
          output_tokens: truth.outputTokens,
          output_tokens_details: { thinking_tokens: truth.reasoningTokens },
        });
        expectSound(usage);
        expect(usage).toStrictEqual(
          expectedFrom(truth, [
            "cacheReadTokens",
            "cacheWriteTokens",
            "cacheWrite1hTokens",
            "reasoningTokens",
          ]),
        );
      }),
    );
  });

  it("fromGoogleUsage: tool-use prompt added, thoughts added", () => {
    const count = fc.nat({ max: MAX_TOKENS });
    const payload = fc
      .record({ prompt: count, toolUse: count, candidates: count, thoughts: count })
      .chain((totals) =>
        fc.record({
          totals: fc.constant(totals),
          cached: fc.integer({ min: 0, max: totals.prompt }),
          image: fc.integer({ min: 0, max: totals.prompt }),
          audioShare: fc.double({ min: 0, max: 1, noNaN: true }),
          outputAudio: fc.integer({ min: 0, max: totals.candidates }),
        }),
      );
    fc.assert(
      fc.property(payload, ({ totals, cached, image, audioShare, outputAudio }) => {
        const audio = Math.floor((totals.prompt - image) * audioShare);
        const usage = fromGoogleUsage({
          promptTokenCount: totals.prompt,
          cachedContentTokenCount: cached,
          toolUsePromptTokenCount: totals.toolUse,
          candidatesTokenCount: totals.candidates,
          thoughtsTokenCount: totals.thoughts,
          promptTokensDetails: [
            { modality: "TEXT", tokenCount: totals.prompt - image - audio },
            { modality: "IMAGE", tokenCount: image },
            { modality: "AUDIO", tokenCount: audio },
          ],
          candidatesTokensDetails: [{ modality: "AUDIO", tokenCount: outputAudio }],
        });
        expectSound(usage);
        expect(usage.inputTokens).toBe(totals.prompt + totals.toolUse);
        expect(usage.outputTokens).toBe(totals.candidates + totals.thoughts);
        expect(usage.cacheReadTokens ?? 0).toBe(cached);
        expect(usage.reasoningTokens ?? 0).toBe(totals.thoughts);
        expect(usage.inputImageTokens ?? 0).toBe(image);
        expect(usage.inputAudioTokens ?? 0).toBe(audio);
        expect(usage.outputAudioTokens ?? 0).toBe(outputAudio);
      }),
    );
  });

  it("fromLangChainUsage", () => {
    fc.assert(
      fc.property(validUsageArbitrary, (truth) => {
        const writes = truth.cacheWriteTokens;
        const oneHour = writes === undefined ? undefined : (truth.cacheWrite1hTokens ?? 0);
        const usage = fromLangChainUsage({
          input_tokens: truth.inputTokens,
          output_tokens: truth.outputTokens,
          total_tokens: truth.inputTokens + truth.outputTokens,
          input_token_details: {
            cache_read: truth.cacheReadTokens,
            cache_creation: writes,
            ephemeral_5m_input_tokens: writes === undefined ? undefined : writes - (oneHour ?? 0),
            ephemeral_1h_input_tokens: oneHour,
            audio: truth.inputAudioTokens,
            image: truth.inputImageTokens,
          },
          output_token_details: {
            reasoning: truth.reasoningTokens,
            audio: truth.outputAudioTokens,
          },
        });
        expectSound(usage);
        expect(usage).toStrictEqual(
          expectedFrom(truth, [
            "cacheReadTokens",
            "cacheWriteTokens",
            "cacheWrite1hTokens",
            "inputAudioTokens",
            "inputImageTokens",
            "reasoningTokens",
            "outputAudioTokens",
          ]),
        );
      }),
    );
  });
});
