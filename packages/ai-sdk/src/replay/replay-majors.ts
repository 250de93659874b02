/**
 * The real provider packages of two `ai` majors, for the replay suite: `ai@7` with the
 * `@ai-sdk/*` 4.x providers, `ai@5` with the 2.x providers it pairs with. Each provider is
 * built with a replay `fetch`, so the package parses a recorded HTTP body exactly as it would
 * parse the API's answer. Not part of the published API.
 */
import { createAnthropic } from "@ai-sdk/anthropic";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { createOpenAI } from "@ai-sdk/openai";
import type { Ledger } from "@tokenledger/core";
import * as ai7 from "ai";
import { createAnthropic as createAnthropicV2 } from "ai-sdk-anthropic-v2";
import { createGoogleGenerativeAI as createGoogleV2 } from "ai-sdk-google-v2";
import { createOpenAI as createOpenAIV2 } from "ai-sdk-openai-v2";
import * as ai5 from "ai-v5";
import { ledgerEmbeddingMiddleware } from "../ledger-embedding-middleware.js";
import type { LedgerMiddleware } from "../ledger-middleware.js";
import { withLedgerEmbeddings } from "../with-ledger-embeddings.js";

/** Which API of which provider package answers. */
export type ReplayApi = "anthropic" | "openai-chat" | "openai-responses" | "google";

/** One call through `wrapLanguageModel` + `ledgerMiddleware`. */
export interface ReplayCall {
  api: ReplayApi;
  modelId: string;
  fetch: typeof globalThis.fetch;
  middleware: LedgerMiddleware;
  /** Offer a `weather` tool (one step: the tool call is the answer). */
  withTool?: boolean;
}

/** One `ai` major with its own provider packages. */
export interface ReplayMajor {
  readonly name: "ai@5" | "ai@7";
  generate(call: ReplayCall): Promise<{ text: string }>;
  stream(call: ReplayCall): Promise<{ text: string }>;
  embedMany(request: {
    modelId: string;
    fetch: typeof globalThis.fetch;
    ledger: Ledger;
    values: string[];
  }): Promise<{ tokens: number }>;
}

const settings = (fetch: typeof globalThis.fetch) => ({ apiKey: "replay-key", fetch });

function weatherTool<T>(build: (definition: object) => T) {
  return build({
    description: "Weather in a city",
    inputSchema: ai7.jsonSchema({
      type: "object",
      properties: { city: { type: "string" } },
      required: ["city"],
    }),
  });
}

function modelV4(call: ReplayCall) {
  if (call.api === "anthropic") return createAnthropic(settings(call.fetch))(call.modelId);
  if (call.api === "google") return createGoogleGenerativeAI(settings(call.fetch))(call.modelId);
  const openai = createOpenAI(settings(call.fetch));
  return call.api === "openai-chat" ? openai.chat(call.modelId) : openai.responses(call.modelId);
}

function modelV2(call: ReplayCall) {
  if (call.api === "anthropic") return createAnthropicV2(settings(call.fetch))(call.modelId);
  if (call.api === "google") return createGoogleV2(settings(call.fetch))(call.modelId);
  const openai = createOpenAIV2(settings(call.fetch));
  return call.api === "openai-chat" ? openai.chat(call.modelId) : openai.responses(call.modelId);
}

async function drain(textStream: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const delta of textStream) text += delta;
  return text;
}

export const replayAiV7: ReplayMajor = {
  name: "ai@7",
  async generate(call) {
    const result = await ai7.generateText({
      model: ai7.wrapLanguageModel({ model: modelV4(call), middleware: call.middleware }),
      prompt: "Replay",
      maxRetries: 0,
      ...(call.withTool
        ? { tools: { weather: weatherTool((definition) => ai7.tool(definition as never)) } }
        : {}),
    });
    return { text: result.text };
  },
  async stream(call) {
    const result = ai7.streamText({
      model: ai7.wrapLanguageModel({ model: modelV4(call), middleware: call.middleware }),
      prompt: "Replay",
      maxRetries: 0,
    });
    return { text: await drain(result.textStream) };
  },
  async embedMany(request) {
    const model = ai7.wrapEmbeddingModel({
      model: createOpenAI(settings(request.fetch)).embedding(request.modelId),
      middleware: ledgerEmbeddingMiddleware(request.ledger),
    });
    const result = await ai7.embedMany({ model, values: request.values, maxRetries: 0 });
    return { tokens: result.usage.tokens };
  },
};

export const replayAiV5: ReplayMajor = {
  name: "ai@5",
  async generate(call) {
    const result = await ai5.generateText({
      model: ai5.wrapLanguageModel({ model: modelV2(call), middleware: call.middleware }),
      prompt: "Replay",
      maxRetries: 0,
      ...(call.withTool
        ? { tools: { weather: weatherTool((definition) => ai5.tool(definition as never)) } }
        : {}),
    });
    return { text: result.text };
  },
  async stream(call) {
    const result = ai5.streamText({
      model: ai5.wrapLanguageModel({ model: modelV2(call), middleware: call.middleware }),
      prompt: "Replay",
      maxRetries: 0,
    });
    return { text: await drain(result.textStream) };
  },
  async embedMany(request) {
    const model = withLedgerEmbeddings(
      createOpenAIV2(settings(request.fetch)).embedding(request.modelId),
      request.ledger,
    );
    const result = await ai5.embedMany({ model, values: request.values, maxRetries: 0 });
    return { tokens: result.usage.tokens };
  },
};

/** The majors the replay suite runs: the newest, and the oldest still supported. */
export const replayMajors: readonly ReplayMajor[] = [replayAiV7, replayAiV5];
