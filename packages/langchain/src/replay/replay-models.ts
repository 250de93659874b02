/**
 * The real LangChain chat models (`@langchain/openai`, `@langchain/anthropic`) built with a
 * replay `fetch`, so each parses a recorded HTTP body exactly as it would parse the API's
 * answer. Not part of the published API.
 */
import { ChatAnthropic } from "@langchain/anthropic";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ChatOpenAI } from "@langchain/openai";

/** Which API of which integration answers. */
export type LangChainReplayApi = "anthropic" | "openai-chat" | "openai-responses";

/** A chat model of `api` whose every HTTP request is answered by `fetch`. */
export function replayChatModel(
  api: LangChainReplayApi,
  model: string,
  fetch: typeof globalThis.fetch,
  options: { streaming?: boolean; compaction?: boolean } = {},
): BaseChatModel {
  if (api === "anthropic") {
    return new ChatAnthropic({
      model,
      apiKey: "replay-key",
      maxRetries: 0,
      maxTokens: 4096,
      clientOptions: { fetch },
      ...(options.streaming ? { streaming: true } : {}),
      ...(options.compaction
        ? { contextManagement: { edits: [{ type: "compact_20260112" }] } }
        : {}),
    });
  }
  return new ChatOpenAI({
    model,
    apiKey: "replay-key",
    maxRetries: 0,
    configuration: { fetch },
    ...(api === "openai-responses" ? { useResponsesApi: true } : {}),
    ...(options.streaming ? { streaming: true, streamUsage: true } : {}),
  });
}
