/**
 * AI SDK (ai@7) mock models for the middleware benchmark: a fixed answer with usage, no network,
 * no timers — so every microsecond measured is the SDK's or the middleware's.
 */
import { MockLanguageModelV4, simulateReadableStream } from "ai/test";

type GenerateResult = Awaited<ReturnType<MockLanguageModelV4["doGenerate"]>>;
type StreamResult = Awaited<ReturnType<MockLanguageModelV4["doStream"]>>;
type StreamPart = StreamResult["stream"] extends ReadableStream<infer Part> ? Part : never;

export const MODEL_ID = "gpt-4o-mini";
export const PROVIDER = "openai.chat";
const RESPONSE_MODEL_ID = "gpt-4o-mini-2024-07-18";

const usage = {
  inputTokens: { total: 96, noCache: 96, cacheRead: 0, cacheWrite: 0 },
  outputTokens: { total: 12, text: 12, reasoning: 0 },
};

const generateResult: GenerateResult = {
  content: [{ type: "text", text: "Three novels: Smilla, The Snowman, Faceless Killers." }],
  finishReason: { unified: "stop", raw: "stop" },
  usage,
  warnings: [],
  response: { modelId: RESPONSE_MODEL_ID },
};

/** A model whose `doGenerate` answers at once with a fixed result and usage. */
export function generateMock(): MockLanguageModelV4 {
  return new MockLanguageModelV4({
    provider: PROVIDER,
    modelId: MODEL_ID,
    doGenerate: async () => generateResult,
  });
}

/** The parts of one streamed answer with `deltas` text deltas, as providers send them. */
export function streamParts(deltas: number): StreamPart[] {
  const parts: StreamPart[] = [
    { type: "stream-start", warnings: [] },
    { type: "response-metadata", id: "resp-1", modelId: RESPONSE_MODEL_ID },
    { type: "text-start", id: "t1" },
  ];
  for (let index = 0; index < deltas; index++) {
    parts.push({ type: "text-delta", id: "t1", delta: ` word${index}` });
  }
  parts.push(
    { type: "text-end", id: "t1" },
    {
      type: "finish",
      finishReason: { unified: "stop", raw: "stop" },
      usage: { ...usage, outputTokens: { total: deltas * 2, text: deltas * 2, reasoning: 0 } },
    },
  );
  return parts;
}

/** A model whose `doStream` replays `streamParts(deltas)` with no delays (no timers). */
export function streamMock(deltas: number): MockLanguageModelV4 {
  const parts = streamParts(deltas);
  return new MockLanguageModelV4({
    provider: PROVIDER,
    modelId: MODEL_ID,
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: parts,
        initialDelayInMs: null,
        chunkDelayInMs: null,
      }),
    }),
  });
}

/** The mock records every call's options; drop them so memory stays flat across batches. */
export function forgetCalls(model: MockLanguageModelV4): void {
  model.doGenerateCalls.length = 0;
  model.doStreamCalls.length = 0;
}
