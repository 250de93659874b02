/**
 * An offline stand-in for `openai("gpt-4o-mini")`: the AI SDK's own mock model, answering with
 * usage the way the OpenAI provider reports it (about four characters per token).
 */
import { MockLanguageModelV3 } from "ai/test";

const tokensOf = (text: string): number => Math.max(1, Math.ceil(text.length / 4));

/** A chat model that answers every prompt with a short, fixed reply and realistic usage. */
export function offlineModel(): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    provider: "openai.responses",
    modelId: "gpt-4o-mini",
    doGenerate: async ({ prompt }) => {
      const text =
        "Thanks for reaching out! Your order left our warehouse yesterday and is on its way. " +
        "Tracking usually updates within 24 hours of dispatch, so don't worry if the page " +
        "still shows 'label created'. Delivery is expected in two to three working days. If " +
        "it has not arrived by Friday, reply to this message and we will open a claim with " +
        "the carrier straight away. Is there anything else I can help you with today?";
      const promptText = JSON.stringify(prompt);
      const input = 20 + tokensOf(promptText);
      const output = tokensOf(text);
      return {
        content: [{ type: "text", text }],
        finishReason: { unified: "stop", raw: "stop" },
        usage: {
          inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: undefined },
          outputTokens: { total: output, text: output, reasoning: 0 },
        },
        response: { modelId: "gpt-4o-mini-2024-07-18" },
        warnings: [],
      };
    },
  });
}
