/**
 * The AI SDK side of the simulated providers: the SDK's own `MockLanguageModelV3`, answering a
 * scripted reply with the usage the real provider would report for it (input counted from the
 * prompt, automatic prefix caching, reasoning tokens, a dated model id in the response). It
 * can also fail like a provider: a 429 with `retry-after-ms`, a connection cut mid-stream, or
 * a stream the caller abandons.
 */
import { APICallError } from "ai";
import { MockLanguageModelV3 } from "ai/test";
import type { ProviderSimulation } from "./provider-simulation.js";
import type { Mishap } from "./scenario.js";

type StreamPart =
  Awaited<ReturnType<MockLanguageModelV3["doStream"]>>["stream"] extends ReadableStream<infer Part>
    ? Part
    : never;
type CallOptions = Parameters<MockLanguageModelV3["doGenerate"]>[0];

/** Models the AI SDK features use, as their providers name them. */
export const AI_SDK_MODELS = {
  "gpt-4o-mini": { provider: "openai.responses", responseModelId: "gpt-4o-mini-2024-07-18" },
  "gpt-4o": { provider: "openai.responses", responseModelId: "gpt-4o-2024-08-06" },
  "gpt-4.1": { provider: "openai.responses", responseModelId: "gpt-4.1-2025-04-14" },
  "o4-mini": { provider: "openai.responses", responseModelId: "o4-mini-2025-04-16" },
  "gemini-2.5-flash": { provider: "google.generative-ai", responseModelId: "gemini-2.5-flash" },
} as const;

export type AiSdkModelName = keyof typeof AI_SDK_MODELS;

/** What one call of a simulated model does. */
export interface ModelScript {
  /** The final text answer. */
  answer: string;
  /** Hidden reasoning tokens per step (o-series, Gemini thinking). */
  reasoningTokens: number;
  /** Tool calls to make (one per step) before answering: the agent's loop. */
  toolCalls: readonly { toolName: string; input: Record<string, unknown> }[];
  mishap: Mishap;
}

/** A mock model that plays `script` as `name` would. */
export function simulatedModel(
  name: AiSdkModelName,
  script: ModelScript,
  simulation: ProviderSimulation,
): MockLanguageModelV3 {
  const { provider, responseModelId } = AI_SDK_MODELS[name];
  let failedOnce = false;

  async function usageOf(options: CallOptions, outputText: string) {
    const [first, ...rest] = options.prompt;
    const system = first?.role === "system" ? first.content : "";
    const systemTokens = system ? await simulation.countTokens(system, name) : 0;
    const restTokens = await simulation.countTokens(
      JSON.stringify(first?.role === "system" ? rest : options.prompt),
      name,
    );
    const input = systemTokens + restTokens + 3 * options.prompt.length;
    const cacheRead = simulation.cachedTokens(name, system, systemTokens, simulation.now());
    const text = outputText ? await simulation.countTokens(outputText, name) : 0;
    return {
      inputTokens: { total: input, noCache: input - cacheRead, cacheRead, cacheWrite: undefined },
      outputTokens: {
        total: text + script.reasoningTokens,
        text,
        reasoning: script.reasoningTokens,
      },
    };
  }

  return new MockLanguageModelV3({
    provider,
    modelId: name,
    doGenerate: async (options) => {
      if (script.mishap === "provider-error" && !failedOnce) {
        failedOnce = true;
        throw new APICallError({
          message: `Rate limit reached for ${name} in organization org-demo on tokens per min.`,
          url: "https://api.example.com/v1/responses",
          requestBodyValues: {},
          statusCode: 429,
          responseHeaders: { "retry-after-ms": "20" },
          isRetryable: true,
        });
      }
      const toolResults = options.prompt.filter((message) => message.role === "tool").length;
      const toolCall = script.toolCalls[toolResults];
      const text = toolCall ? "" : script.answer;
      const usage = await usageOf(options, toolCall ? JSON.stringify(toolCall.input) : text);
      return {
        content: toolCall
          ? [
              {
                type: "tool-call",
                toolCallId: `call_${toolResults}`,
                toolName: toolCall.toolName,
                input: JSON.stringify(toolCall.input),
              },
            ]
          : [{ type: "text", text }],
        finishReason: toolCall
          ? { unified: "tool-calls", raw: "tool_calls" }
          : { unified: "stop", raw: "stop" },
        usage,
        response: { modelId: responseModelId },
        warnings: [],
      };
    },
    doStream: async (options) => {
      const words = script.answer.split(/(?<= )/);
      const parts: StreamPart[] = [
        { type: "stream-start", warnings: [] },
        { type: "response-metadata", id: "resp_demo", modelId: responseModelId },
        { type: "text-start", id: "text" },
        ...words.map((delta): StreamPart => ({ type: "text-delta", id: "text", delta })),
        { type: "text-end", id: "text" },
        {
          type: "finish",
          finishReason: { unified: "stop", raw: "stop" },
          usage: await usageOf(options, script.answer),
        },
      ];
      // A cut connection drops the stream two thirds of the way through the answer.
      const cutAt = script.mishap === "stream-error" ? Math.floor((parts.length * 2) / 3) : -1;
      return { stream: providerStream(parts, cutAt, options.abortSignal) };
    },
  });
}

/**
 * Streams `parts` one per macrotask, like a network response: it errors with an `AbortError`
 * once the caller aborts, and with a network error at `cutAt` (−1: never).
 */
function providerStream(
  parts: readonly StreamPart[],
  cutAt: number,
  abortSignal: AbortSignal | undefined,
): ReadableStream<StreamPart> {
  let index = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setImmediate(resolve));
      if (abortSignal?.aborted) {
        controller.error(new DOMException("This operation was aborted", "AbortError"));
      } else if (index === cutAt) {
        controller.error(new TypeError("terminated: other side closed"));
      } else if (index >= parts.length) {
        controller.close();
      } else {
        controller.enqueue(parts[index++] as StreamPart);
      }
    },
  });
}
