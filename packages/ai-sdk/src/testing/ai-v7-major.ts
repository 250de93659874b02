import {
  APICallError,
  embed,
  embedMany,
  generateText,
  jsonSchema,
  stepCountIs,
  streamText,
  tool,
  wrapEmbeddingModel,
  wrapLanguageModel,
} from "ai";
import { MockEmbeddingModelV4, MockLanguageModelV4, simulateReadableStream } from "ai/test";
import { ledgerEmbeddingMiddleware } from "../ledger-embedding-middleware.js";
import type { AiMajor, EmbedRequest, MockCallInfo, MockEmbeddingModel } from "./ai-major.js";
import { callInfo, consumeFullStream } from "./consume-full-stream.js";
import { fetchLikeStream, nativeGenerateResult, nativeStreamParts } from "./native-parts.js";

type GenerateResult = Awaited<ReturnType<MockLanguageModelV4["doGenerate"]>>;
type StreamResult = Awaited<ReturnType<MockLanguageModelV4["doStream"]>>;
type StreamPart = StreamResult["stream"] extends ReadableStream<infer Part> ? Part : never;

const mocks = new WeakMap<object, MockLanguageModelV4>();
const embedders = new WeakMap<object, MockEmbeddingModelV4>();

const weatherTools = {
  weather: tool({
    description: "Weather in a city",
    inputSchema: jsonSchema<{ city: string }>({
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
    }),
    execute: async ({ city }) => `sunny in ${city}`,
  }),
};

function embedModel(request: EmbedRequest): ReturnType<typeof wrapEmbeddingModel> {
  const model = embedders.get(request.model);
  if (model === undefined) throw new Error("not an ai@7 mock embedding model");
  return wrapEmbeddingModel({
    model,
    middleware: ledgerEmbeddingMiddleware(request.ledger, request.options),
  });
}

/** ai@7: spec v2 models, no `wrapEmbeddingModel` (embeddings go through `withLedgerEmbeddings`). */
/** ai@7: spec v4 (every model converted to v4 before the middleware sees it). */
export const aiV7: AiMajor = {
  name: "ai@7",
  spec: "v4",
  languageModel(spec) {
    const generateCalls: MockCallInfo[] = [];
    const streamCalls: MockCallInfo[] = [];
    const model = new MockLanguageModelV4({
      provider: spec.provider,
      modelId: spec.modelId,
      doGenerate: async (options) => {
        const call = callInfo(options, generateCalls.length);
        generateCalls.push(call);
        if (spec.generate === undefined) throw new Error("mock has no generate");
        return nativeGenerateResult("v4", await spec.generate(call)) as GenerateResult;
      },
      doStream: async (options) => {
        const call = callInfo(options, streamCalls.length);
        streamCalls.push(call);
        if (spec.stream === undefined) throw new Error("mock has no stream");
        const outcome = await spec.stream(call);
        const parts = nativeStreamParts("v4", outcome) as StreamPart[];
        const fetchLike =
          outcome.stallAfterTextDeltas !== undefined || outcome.errorAfterDeltas !== undefined;
        const stream = fetchLike
          ? fetchLikeStream(parts, {
              signal: options.abortSignal,
              ...(outcome.stallAfterTextDeltas === undefined
                ? {}
                : { stallAfterTextDeltas: outcome.stallAfterTextDeltas }),
              ...(outcome.errorAfterDeltas === undefined
                ? {}
                : { error: outcome.errorAfterDeltas }),
            })
          : simulateReadableStream({ chunks: parts });
        return { stream };
      },
    });
    const handle = { model, generateCalls, streamCalls };
    mocks.set(handle, model);
    return handle;
  },
  embeddingModel(spec) {
    const calls: MockEmbeddingModel["calls"] = [];
    const model = new MockEmbeddingModelV4({
      provider: spec.provider,
      modelId: spec.modelId,
      maxEmbeddingsPerCall: spec.maxEmbeddingsPerCall,
      doEmbed: async ({ values, providerOptions }) => {
        calls.push({ values, providerOptions });
        return {
          embeddings: values.map(() => [0.1, 0.2]),
          warnings: [],
          ...(spec.tokensPerValue === undefined
            ? {}
            : { usage: { tokens: values.length * spec.tokensPerValue } }),
        };
      },
    });
    const handle = { calls };
    embedders.set(handle, model);
    return handle;
  },
  retryableError() {
    return new APICallError({
      message: "Overloaded",
      url: "https://api.example.com/v1/messages",
      requestBodyValues: {},
      statusCode: 529,
      responseHeaders: { "retry-after-ms": "0" },
      isRetryable: true,
    });
  },
  async generateText(request) {
    const inner = mocks.get(request.model);
    if (inner === undefined) throw new Error("not an ai@7 mock model");
    const result = await generateText({
      model: wrapLanguageModel({ model: inner, middleware: request.middleware }),
      prompt: request.prompt,
      maxRetries: request.maxRetries ?? 0,
      ...(request.maxOutputTokens === undefined
        ? {}
        : { maxOutputTokens: request.maxOutputTokens }),
      ...(request.providerOptions === undefined
        ? {}
        : { providerOptions: request.providerOptions }),
      ...(request.withTool ? { tools: weatherTools, stopWhen: stepCountIs(3) } : {}),
      ...(request.abortSignal === undefined ? {} : { abortSignal: request.abortSignal }),
    });
    return {
      text: result.text,
      steps: result.steps.length,
      providerMetadata: result.providerMetadata,
      stepProviderMetadata: result.steps.map((step) => step.providerMetadata),
    };
  },
  async streamText(request) {
    const inner = mocks.get(request.model);
    if (inner === undefined) throw new Error("not an ai@7 mock model");
    const controller = new AbortController();
    const errors: unknown[] = [];
    const result = streamText({
      model: wrapLanguageModel({ model: inner, middleware: request.middleware }),
      prompt: request.prompt,
      maxRetries: request.maxRetries ?? 0,
      abortSignal: controller.signal,
      onError: ({ error }) => {
        errors.push(error);
      },
      ...(request.maxOutputTokens === undefined
        ? {}
        : { maxOutputTokens: request.maxOutputTokens }),
      ...(request.providerOptions === undefined
        ? {}
        : { providerOptions: request.providerOptions }),
    });
    const outcome = await consumeFullStream(result.fullStream, {
      errors,
      controller,
      abortAfterTextDeltas: request.abortAfterTextDeltas,
    });
    // Read only after a `finish`: a stream cut before it may never settle this promise.
    if (!outcome.partTypes.includes("finish")) return outcome;
    return { ...outcome, providerMetadata: await result.providerMetadata };
  },
  async embed(request) {
    const value = request.values[0] ?? "";
    const result = await embed({
      model: embedModel(request),
      value,
      maxRetries: 0,
      ...(request.providerOptions === undefined
        ? {}
        : { providerOptions: request.providerOptions }),
    });
    return { tokens: result.usage.tokens };
  },
  async embedMany(request) {
    const result = await embedMany({
      model: embedModel(request),
      values: request.values,
      maxRetries: 0,
      ...(request.providerOptions === undefined
        ? {}
        : { providerOptions: request.providerOptions }),
    });
    return { tokens: result.usage.tokens };
  },
};
