/**
 * Replay suite: the real `@ai-sdk/*` provider packages (4.x with ai@7, 2.x with ai@5) parse
 * recorded provider responses (packages/core/src/usage/__fixtures__/replay, see SOURCES.md)
 * served through their own `fetch` option, wrapped in `ledgerMiddleware`. Each expected usage
 * and cost is worked out by hand below from the catalog's list prices (genai-prices snapshot
 * 47df840a, 2026-08-21, in packages/core/src/pricing/catalog.generated.ts), in nano-USD per
 * token (USD per 1M tokens × 1000):
 *
 * - claude-sonnet-4-6 (from 2026-03-13): input 3000, output 15000; claude-opus-4-6 (from
 *   2026-03-13) and claude-opus-4-7: input 5000, output 25000
 * - claude-sonnet-4-5: input 3000, cache read 300, 5m write 3750, 1h write 6000, output 15000
 * - claude-opus-5: input 5000, output 25000; claude-3-opus: input 15000, output 75000
 * - gpt-4.1-nano: input 100, output 400; gpt-4o-mini: input 150, cache read 75, output 600
 * - gpt-5-mini: input 250, cache read 25, output 2000; text-embedding-3-small: input 20
 * - gemini-3-pro-preview: input 2000, output 12000 (below the 200k tier)
 * - gemini-2.5-flash: input 300, cache read 30, output 2500
 */
import type { Usage } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { ledgerMiddleware } from "../ledger-middleware.js";
import {
  type ReplayAnswer,
  readReplayChunks,
  readReplayJson,
  replayFetch,
} from "../testing/replay-fetch.js";
import { recordingLedger } from "../testing/test-ledger.js";
import { type ReplayApi, replayMajors } from "./replay-majors.js";

interface ReplayCase {
  name: string;
  api: ReplayApi;
  modelId: string;
  answer: ReplayAnswer;
  mode?: "generate" | "stream";
  withTool?: boolean;
  usage: Usage;
  costNanoUsd: number;
  /** Majors whose provider package can parse the response (all when absent). */
  majors?: readonly ("ai@5" | "ai@7")[];
  /** A multi-part call: each part's model, step and cost. */
  parts?: { model: string; step: string; costNanoUsd: number }[];
}

const json = (name: string): ReplayAnswer => ({ json: readReplayJson(name) });

const cases: ReplayCase[] = [
  {
    name: "Anthropic plain text",
    api: "anthropic",
    modelId: "claude-sonnet-4-5",
    answer: json("anthropic-text.json"),
    usage: { inputTokens: 12, outputTokens: 29 },
    // 12 × 3000 + 29 × 15000
    costNanoUsd: 471_000,
  },
  {
    name: "Anthropic stream (final count on message_delta)",
    api: "anthropic",
    modelId: "claude-sonnet-4-5",
    mode: "stream",
    answer: { sse: readReplayChunks("anthropic-text.chunks.txt"), dialect: "anthropic" },
    usage: { inputTokens: 12, outputTokens: 30 },
    // 12 × 3000 + 30 × 15000
    costNanoUsd: 486_000,
  },
  {
    name: "Anthropic cache reads, 5-minute and 1-hour cache writes",
    api: "anthropic",
    modelId: "claude-sonnet-4-5",
    answer: json("anthropic-cache-1h.json"),
    usage: {
      // 50 uncached + 1000 read + 2000 written (500 for 5 minutes, 1500 for 1 hour)
      inputTokens: 3050,
      cacheReadTokens: 1000,
      cacheWriteTokens: 2000,
      cacheWrite1hTokens: 1500,
      outputTokens: 100,
    },
    // 50 × 3000 + 1000 × 300 + 500 × 3750 + 1500 × 6000 + 100 × 15000
    costNanoUsd: 150_000 + 300_000 + 1_875_000 + 9_000_000 + 1_500_000,
  },
  {
    name: "Anthropic extended thinking",
    api: "anthropic",
    modelId: "claude-opus-5",
    answer: json("anthropic-thinking.json"),
    usage: { inputTokens: 51, outputTokens: 1699, reasoningTokens: 139 },
    // 51 × 5000 + 1699 × 25000
    costNanoUsd: 255_000 + 42_475_000,
  },
  {
    name: "Anthropic tool call",
    api: "anthropic",
    modelId: "claude-3-opus-20240229",
    withTool: true,
    answer: json("anthropic-tool.json"),
    usage: { inputTokens: 602, outputTokens: 93 },
    // 602 × 15000 + 93 × 75000
    costNanoUsd: 9_030_000 + 6_975_000,
  },
  {
    name: "Anthropic advisor: a sub-call on another model, priced at that model",
    api: "anthropic",
    // @ai-sdk/anthropic 2.x (ai@5) rejects the advisor_tool_result block before any usage.
    majors: ["ai@7"],
    modelId: "claude-sonnet-4-6",
    answer: json("anthropic-advisor.json"),
    // iterations: message 1051/35 and 1363/3165 on sonnet-4-6, advisor 2728/874 on opus-4-7
    usage: { inputTokens: 1051 + 2728 + 1363, outputTokens: 35 + 874 + 3165 },
    // $0.090732, where the top-level usage alone (2414 × 3000 + 3200 × 15000) gives $0.055242
    costNanoUsd: 90_732_000,
    parts: [
      // 1051 × 3000 + 35 × 15000
      { model: "claude-sonnet-4-6", step: "message", costNanoUsd: 3_678_000 },
      // 2728 × 5000 + 874 × 25000
      { model: "claude-opus-4-7", step: "advisor_message", costNanoUsd: 35_490_000 },
      // 1363 × 3000 + 3165 × 15000
      { model: "claude-sonnet-4-6", step: "message", costNanoUsd: 51_564_000 },
    ],
  },
  {
    name: "Anthropic compaction: the compaction step is billed too",
    api: "anthropic",
    modelId: "claude-opus-4-6",
    answer: json("anthropic-compaction.json"),
    usage: { inputTokens: 60385 + 682, outputTokens: 592 + 1320 },
    // $0.353135, where the top-level usage alone (682 × 5000 + 1320 × 25000) gives $0.03641
    costNanoUsd: 353_135_000,
    parts: [
      // 60385 × 5000 + 592 × 25000
      { model: "claude-opus-4-6", step: "compaction", costNanoUsd: 316_725_000 },
      // 682 × 5000 + 1320 × 25000
      { model: "claude-opus-4-6", step: "message", costNanoUsd: 36_410_000 },
    ],
  },
  {
    name: "Anthropic advisor stream: iterations on the final message_delta",
    api: "anthropic",
    majors: ["ai@7"],
    modelId: "claude-sonnet-4-6",
    mode: "stream",
    answer: { sse: readReplayChunks("anthropic-advisor.chunks.txt"), dialect: "anthropic" },
    usage: { inputTokens: 1051 + 2728 + 3676, outputTokens: 35 + 3880 + 3356 },
    costNanoUsd: 175_686_000,
    parts: [
      // 1051 × 3000 + 35 × 15000
      { model: "claude-sonnet-4-6", step: "message", costNanoUsd: 3_678_000 },
      // 2728 × 5000 + 3880 × 25000
      { model: "claude-opus-4-7", step: "advisor_message", costNanoUsd: 110_640_000 },
      // 3676 × 3000 + 3356 × 15000
      { model: "claude-sonnet-4-6", step: "message", costNanoUsd: 61_368_000 },
    ],
  },
  {
    name: "Anthropic compaction stream: iterations on the final message_delta",
    api: "anthropic",
    modelId: "claude-opus-4-6",
    mode: "stream",
    answer: { sse: readReplayChunks("anthropic-compaction.chunks.txt"), dialect: "anthropic" },
    usage: { inputTokens: 60385 + 612, outputTokens: 522 + 2819 },
    costNanoUsd: 388_510_000,
    parts: [
      // 60385 × 5000 + 522 × 25000
      { model: "claude-opus-4-6", step: "compaction", costNanoUsd: 314_975_000 },
      // 612 × 5000 + 2819 × 25000
      { model: "claude-opus-4-6", step: "message", costNanoUsd: 73_535_000 },
    ],
  },
  {
    name: "OpenAI Chat Completions plain text",
    api: "openai-chat",
    modelId: "gpt-4.1-nano",
    answer: json("openai-chat-text.json"),
    usage: { inputTokens: 16, outputTokens: 363 },
    // 16 × 100 + 363 × 400
    costNanoUsd: 1_600 + 145_200,
  },
  {
    name: "OpenAI Chat Completions stream (usage in the last chunk)",
    api: "openai-chat",
    modelId: "gpt-4.1-nano",
    mode: "stream",
    answer: { sse: readReplayChunks("openai-chat-text.chunks.txt"), dialect: "openai" },
    usage: { inputTokens: 16, outputTokens: 300 },
    // 16 × 100 + 300 × 400
    costNanoUsd: 1_600 + 120_000,
  },
  {
    name: "OpenAI cached prompt",
    api: "openai-chat",
    modelId: "gpt-4o-mini",
    answer: json("openai-chat-cached.json"),
    usage: { inputTokens: 2006, cacheReadTokens: 1920, outputTokens: 300 },
    // (2006 − 1920) × 150 + 1920 × 75 + 300 × 600
    costNanoUsd: 12_900 + 144_000 + 180_000,
  },
  {
    name: "OpenAI tool call",
    api: "openai-chat",
    modelId: "gpt-4o-mini",
    withTool: true,
    answer: json("openai-chat-tool.json"),
    usage: { inputTokens: 82, outputTokens: 17 },
    // 82 × 150 + 17 × 600
    costNanoUsd: 12_300 + 10_200,
  },
  {
    name: "OpenAI Responses reasoning",
    api: "openai-responses",
    modelId: "gpt-5-mini",
    answer: json("openai-responses-reasoning.json"),
    usage: { inputTokens: 865, outputTokens: 163, reasoningTokens: 128 },
    // 865 × 250 + 163 × 2000 (reasoning is inside the 163)
    costNanoUsd: 216_250 + 326_000,
  },
  {
    name: "OpenAI Responses answered on the flex tier",
    api: "openai-responses",
    modelId: "gpt-5-mini",
    answer: json("openai-responses-flex.json"),
    usage: { inputTokens: 865, outputTokens: 163, reasoningTokens: 128 },
    // gpt-5-mini flex (OpenAI pricing, catalog serviceTiers.flex): input 125, output 1000.
    // 865 × 125 + 163 × 1000
    costNanoUsd: 108_125 + 163_000,
  },
  {
    name: "Anthropic web search requests (server_tool_use)",
    api: "anthropic",
    modelId: "claude-sonnet-4-5",
    answer: json("anthropic-web-search.json"),
    usage: { inputTokens: 12, outputTokens: 29, webSearchRequests: 2 },
    // 12 × 3000 + 29 × 15000 + 2 searches × $10 per 1,000 (catalog webSearchesKcount,
    // Anthropic pricing page): 2 × 10,000,000
    costNanoUsd: 471_000 + 20_000_000,
  },
  {
    name: "Gemini thinking",
    api: "google",
    modelId: "gemini-3-pro-preview",
    answer: json("google-reasoning.json"),
    // candidates 29 + thoughts 282
    usage: { inputTokens: 9, outputTokens: 311, reasoningTokens: 282 },
    // 9 × 2000 + 311 × 12000
    costNanoUsd: 18_000 + 3_732_000,
  },
  {
    name: "Gemini stream (usage on every chunk, the last one counts)",
    api: "google",
    modelId: "gemini-3-pro-preview",
    mode: "stream",
    answer: { sse: readReplayChunks("google-text.chunks.txt"), dialect: "google" },
    usage: { inputTokens: 9, outputTokens: 208, reasoningTokens: 185 },
    // 9 × 2000 + (23 + 185) × 12000
    costNanoUsd: 18_000 + 2_496_000,
  },
  {
    name: "Gemini tool call",
    api: "google",
    modelId: "gemini-3-pro-preview",
    withTool: true,
    answer: json("google-tool-call.json"),
    usage: { inputTokens: 29, outputTokens: 908, reasoningTokens: 893 },
    // 29 × 2000 + (15 + 893) × 12000
    costNanoUsd: 58_000 + 10_896_000,
  },
  {
    name: "Gemini cached content, tool-use prompt and thoughts",
    api: "google",
    modelId: "gemini-2.5-flash",
    answer: json("google-cached-tool-use.json"),
    // input: prompt 2100 (2048 cached) + tool-use prompt 50; output: candidates 40 + thoughts 100
    usage: { inputTokens: 2150, cacheReadTokens: 2048, outputTokens: 140, reasoningTokens: 100 },
    // (2150 − 2048) × 300 + 2048 × 30 + 140 × 2500
    costNanoUsd: 30_600 + 61_440 + 350_000,
  },
];

describe.each(replayMajors)("replay through the real provider packages on $name", (major) => {
  const runnable = cases.filter((replay) => replay.majors?.includes(major.name) ?? true);
  it.each(runnable)("$name", async (replay) => {
    const { ledger, records } = recordingLedger();
    const { fetch, requests } = replayFetch([replay.answer]);
    const call = {
      api: replay.api,
      modelId: replay.modelId,
      fetch,
      middleware: ledgerMiddleware(ledger),
      ...(replay.withTool ? { withTool: true } : {}),
    };
    if (replay.mode === "stream") await major.stream(call);
    else await major.generate(call);
    expect(requests).toHaveLength(1);
    expect(records).toHaveLength(1);
    expect(records[0]?.usage).toEqual(replay.usage);
    expect(records[0]).toMatchObject({
      estimated: false,
      status: "ok",
      priced: true,
      costNanoUsd: replay.costNanoUsd,
    });
    const parts = records[0]?.parts?.map(({ model, step, costNanoUsd }) => ({
      model,
      step,
      costNanoUsd,
    }));
    expect(parts).toEqual(replay.parts);
  });

  it("embeddings: text-embedding-3-small, 12 tokens for two values", async () => {
    const { ledger, records } = recordingLedger();
    const { fetch } = replayFetch([json("openai-embedding.json")]);
    const result = await major.embedMany({
      modelId: "text-embedding-3-small",
      fetch,
      ledger,
      values: ["sunny day at the beach", "rainy day in the city"],
    });
    expect(result.tokens).toBe(12);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: "embedding",
      usage: { inputTokens: 12, outputTokens: 0 },
      estimated: false,
      // 12 × 20
      costNanoUsd: 240,
    });
  });
});
