/**
 * An offline stand-in for `openai("gpt-4o-mini")`: the AI SDK's own mock model, answering every
 * prompt with 1,000 input and 500 output tokens, reported the way the OpenAI provider does.
 */
import { MockLanguageModelV3 } from "ai/test";

export function offlineModel(): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    provider: "openai.responses",
    modelId: "gpt-4o-mini",
    doGenerate: async () => ({
      content: [{ type: "text", text: "Your order is on its way and should arrive Friday." }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: {
        inputTokens: { total: 1_000, noCache: 1_000, cacheRead: 0, cacheWrite: undefined },
        outputTokens: { total: 500, text: 500, reasoning: 0 },
      },
      response: { modelId: "gpt-4o-mini-2024-07-18" },
      warnings: [],
    }),
  });
}
