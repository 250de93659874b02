/**
 * Offline stand-ins for `openai("gpt-4o-mini")` and `openai.embedding("text-embedding-3-small")`:
 * the AI SDK's own mock models, reporting usage the way the OpenAI provider does. The stream
 * behaves like `fetch`: when the caller aborts, it errors with an `AbortError` and never sends
 * its `finish` part (so the usage the provider would have billed is never reported).
 */
import { MockEmbeddingModelV3, MockLanguageModelV3 } from "ai/test";

type LanguageModelV3StreamPart =
  Awaited<ReturnType<MockLanguageModelV3["doStream"]>>["stream"] extends ReadableStream<infer Part>
    ? Part
    : never;

const answer =
  "The Girl with the Dragon Tattoo (Stieg Larsson): a journalist and a hacker hunt a killer. " +
  "The Snowman (Jo Nesbø): Harry Hole tracks a killer who strikes with the first snow. " +
  "Faceless Killers (Henning Mankell): Kurt Wallander investigates a farmhouse murder.";

const usage = (input: number, cached: number, output: number) => ({
  inputTokens: { total: input, noCache: input - cached, cacheRead: cached, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: 0 },
});

/** A chat model answering with realistic OpenAI usage (some of the prompt read from cache). */
export function offlineChatModel(): MockLanguageModelV3 {
  return new MockLanguageModelV3({
    provider: "openai.responses",
    modelId: "gpt-4o-mini",
    doGenerate: async () => ({
      content: [{ type: "text", text: answer }],
      finishReason: { unified: "stop", raw: "stop" },
      usage: usage(1_240, 1_024, 62),
      response: { modelId: "gpt-4o-mini-2024-07-18" },
      warnings: [],
    }),
    doStream: async ({ abortSignal }) => ({ stream: fetchLikeStream(answer, abortSignal) }),
  });
}

/** An embedding model reporting one token per four characters. */
export function offlineEmbeddingModel(): MockEmbeddingModelV3 {
  return new MockEmbeddingModelV3({
    provider: "openai.embedding",
    modelId: "text-embedding-3-small",
    maxEmbeddingsPerCall: 2,
    doEmbed: async ({ values }) => ({
      embeddings: values.map(() => [0.1, 0.2, 0.3]),
      usage: { tokens: values.reduce((sum, value) => sum + Math.ceil(value.length / 4), 0) },
      warnings: [],
    }),
  });
}

function fetchLikeStream(
  text: string,
  abortSignal: AbortSignal | undefined,
): ReadableStream<LanguageModelV3StreamPart> {
  const words = text.split(/(?<= )/);
  const parts: LanguageModelV3StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: "resp_1", modelId: "gpt-4o-mini-2024-07-18" },
    { type: "text-start", id: "t1" },
    ...words.map((delta): LanguageModelV3StreamPart => ({ type: "text-delta", id: "t1", delta })),
    { type: "text-end", id: "t1" },
    {
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: usage(1_240, 1_024, words.length),
    },
  ];
  let index = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (abortSignal?.aborted) {
        controller.error(new DOMException("This operation was aborted", "AbortError"));
        return;
      }
      const part = parts[index++];
      if (part === undefined) controller.close();
      else controller.enqueue(part);
    },
  });
}
