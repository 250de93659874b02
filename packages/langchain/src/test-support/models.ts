import { FakeUsageChatModel, type FakeUsageChatModelFields } from "./fake-usage-chat-model.js";

/**
 * gpt-4o answering as `gpt-4o-2024-08-06`: 1000 input tokens (400 read from the prompt cache),
 * 200 output tokens. Catalog prices (genai-prices): input $2.50/M, cache read $1.25/M,
 * output $10/M.
 */
export function openAiModel(overrides: Partial<FakeUsageChatModelFields> = {}): FakeUsageChatModel {
  return new FakeUsageChatModel({
    model: "gpt-4o",
    provider: "openai",
    responseModel: "gpt-4o-2024-08-06",
    maxTokens: 256,
    usage: {
      input_tokens: 1000,
      output_tokens: 200,
      total_tokens: 1200,
      input_token_details: { cache_read: 400 },
    },
    ...overrides,
  });
}

/** (1000 − 400) × 2.50 + 400 × 1.25 + 200 × 10 USD per 1M tokens = 4000 USD/1M = 4 000 000 nano-USD. */
export const openAiCallNanoUsd: number = (600 * 2.5 + 400 * 1.25 + 200 * 10) * 1000;

/**
 * claude-sonnet-4-5: 100 input tokens of which 20 read from the cache and 30 written to it,
 * 20 output tokens. Catalog prices: input $3/M, cache write $3.75/M, cache read $0.30/M,
 * output $15/M.
 */
export function anthropicModel(
  overrides: Partial<FakeUsageChatModelFields> = {},
): FakeUsageChatModel {
  return new FakeUsageChatModel({
    model: "claude-sonnet-4-5",
    provider: "anthropic",
    responseModel: "claude-sonnet-4-5-20250929",
    maxTokens: 1024,
    usage: {
      input_tokens: 100,
      output_tokens: 20,
      total_tokens: 120,
      input_token_details: { cache_read: 20, cache_creation: 30 },
    },
    ...overrides,
  });
}

/** 50 × 3 + 30 × 3.75 + 20 × 0.30 + 20 × 15 USD per 1M = 568.5 USD/1M = 568 500 nano-USD. */
export const anthropicCallNanoUsd: number = 50 * 3000 + 30 * 3750 + 20 * 300 + 20 * 15_000;
