/**
 * Replay suite: the real `@langchain/anthropic` and `@langchain/openai` chat models parse
 * recorded provider responses (packages/core/src/usage/__fixtures__/replay, see SOURCES.md)
 * served through their own `fetch`, with `LedgerCallbackHandler` in `callbacks`. Expected
 * usage and cost are worked out by hand from the catalog's list prices (genai-prices snapshot
 * 47df840a, 2026-08-21, packages/core/src/pricing/catalog.generated.ts), nano-USD per token:
 *
 * - claude-sonnet-4-6 (from 2026-03-13): input 3000, output 15000; claude-opus-4-6 (from
 *   2026-03-13) and claude-opus-4-7: input 5000, output 25000
 * - claude-sonnet-4-5: input 3000, cache read 300, 5m write 3750, 1h write 6000, output 15000
 * - claude-opus-5: input 5000, output 25000; claude-3-opus: input 15000, output 75000
 * - gpt-4.1-nano: input 100, output 400; gpt-4o-mini: input 150, cache read 75, output 600
 * - gpt-5-mini: input 250, output 2000
 */
import { HumanMessage } from "@langchain/core/messages";
import { createLedger, type Usage, type UsageRecord } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "../ledger-callback-handler.js";
import {
  type ReplayAnswer,
  readReplayChunks,
  readReplayJson,
  replayFetch,
} from "../test-support/replay-fetch.js";
import { type LangChainReplayApi, replayChatModel } from "./replay-models.js";

interface ReplayCase {
  name: string;
  api: LangChainReplayApi;
  model: string;
  answer: ReplayAnswer;
  mode?: "invoke" | "stream";
  withTool?: boolean;
  usage: Usage;
  costNanoUsd: number;
  /** A multi-part call: each part's model, step and cost. */
  parts?: { model: string; step: string; costNanoUsd: number }[];
  estimated?: boolean;
}

const json = (name: string): ReplayAnswer => ({ json: readReplayJson(name) });

const weatherTool = {
  type: "function" as const,
  function: {
    name: "weather",
    description: "Weather in a city",
    parameters: { type: "object", properties: { city: { type: "string" } } },
  },
};

const cases: ReplayCase[] = [
  {
    name: "Anthropic plain text",
    api: "anthropic",
    model: "claude-sonnet-4-5",
    answer: json("anthropic-text.json"),
    usage: { inputTokens: 12, outputTokens: 29 },
    // 12 × 3000 + 29 × 15000
    costNanoUsd: 471_000,
  },
  {
    name: "Anthropic stream (final count on message_delta)",
    api: "anthropic",
    model: "claude-sonnet-4-5",
    mode: "stream",
    answer: { sse: readReplayChunks("anthropic-text.chunks.txt"), dialect: "anthropic" },
    usage: { inputTokens: 12, outputTokens: 30 },
    // 12 × 3000 + 30 × 15000
    costNanoUsd: 486_000,
  },
  {
    name: "Anthropic cache reads, 5-minute and 1-hour cache writes",
    api: "anthropic",
    model: "claude-sonnet-4-5",
    answer: json("anthropic-cache-1h.json"),
    usage: {
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
    model: "claude-opus-5",
    answer: json("anthropic-thinking.json"),
    usage: { inputTokens: 51, outputTokens: 1699, reasoningTokens: 139 },
    // 51 × 5000 + 1699 × 25000
    costNanoUsd: 255_000 + 42_475_000,
  },
  {
    name: "Anthropic tool call",
    api: "anthropic",
    model: "claude-3-opus-20240229",
    withTool: true,
    answer: json("anthropic-tool.json"),
    usage: { inputTokens: 602, outputTokens: 93 },
    // 602 × 15000 + 93 × 75000
    costNanoUsd: 9_030_000 + 6_975_000,
  },
  {
    name: "Anthropic advisor: a sub-call on another model, priced at that model",
    api: "anthropic",
    model: "claude-sonnet-4-6",
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
    model: "claude-opus-4-6",
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
    name: "OpenAI Chat Completions plain text",
    api: "openai-chat",
    model: "gpt-4.1-nano",
    answer: json("openai-chat-text.json"),
    usage: { inputTokens: 16, outputTokens: 363 },
    // 16 × 100 + 363 × 400
    costNanoUsd: 1_600 + 145_200,
  },
  {
    name: "OpenAI Chat Completions stream (usage in the last chunk)",
    api: "openai-chat",
    model: "gpt-4.1-nano",
    mode: "stream",
    answer: { sse: readReplayChunks("openai-chat-text.chunks.txt"), dialect: "openai" },
    usage: { inputTokens: 16, outputTokens: 300 },
    // 16 × 100 + 300 × 400
    costNanoUsd: 1_600 + 120_000,
  },
  {
    name: "OpenAI cached prompt",
    api: "openai-chat",
    model: "gpt-4o-mini",
    answer: json("openai-chat-cached.json"),
    usage: { inputTokens: 2006, cacheReadTokens: 1920, outputTokens: 300 },
    // (2006 − 1920) × 150 + 1920 × 75 + 300 × 600
    costNanoUsd: 12_900 + 144_000 + 180_000,
  },
  {
    name: "OpenAI tool call",
    api: "openai-chat",
    model: "gpt-4o-mini",
    withTool: true,
    answer: json("openai-chat-tool.json"),
    usage: { inputTokens: 82, outputTokens: 17 },
    // 82 × 150 + 17 × 600
    costNanoUsd: 12_300 + 10_200,
  },
  {
    name: "OpenAI Responses reasoning",
    api: "openai-responses",
    model: "gpt-5-mini",
    answer: json("openai-responses-reasoning.json"),
    usage: { inputTokens: 865, outputTokens: 163, reasoningTokens: 128 },
    // 865 × 250 + 163 × 2000
    costNanoUsd: 216_250 + 326_000,
  },
];

function recordsOf(ledger: ReturnType<typeof createLedger>): UsageRecord[] {
  const records: UsageRecord[] = [];
  ledger.on("usage", ({ record }) => records.push(record));
  return records;
}

describe("replay through the real LangChain chat models", () => {
  it.each(cases)("$name", async (replay) => {
    const ledger = createLedger();
    const records = recordsOf(ledger);
    const handler = new LedgerCallbackHandler(ledger);
    const { fetch, requests } = replayFetch([replay.answer]);
    const base = replayChatModel(replay.api, replay.model, fetch);
    const model = replay.withTool ? base.bindTools?.([weatherTool]) : base;
    if (model === undefined) throw new Error("bindTools missing");
    const input = [new HumanMessage("Replay")];
    if (replay.mode === "stream") {
      for await (const _chunk of await model.stream(input, { callbacks: [handler] })) {
        // drain
      }
    } else {
      await model.invoke(input, { callbacks: [handler] });
    }
    expect(requests).toHaveLength(1);
    expect(records).toHaveLength(1);
    expect(records[0]?.usage).toEqual(replay.usage);
    expect(records[0]).toMatchObject({
      estimated: replay.estimated ?? false,
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

  it("a compaction stream is marked estimated: LangChain drops the final message_delta's iterations", async () => {
    const ledger = createLedger();
    const records = recordsOf(ledger);
    const handler = new LedgerCallbackHandler(ledger);
    const { fetch } = replayFetch([
      { sse: readReplayChunks("anthropic-compaction.chunks.txt"), dialect: "anthropic" },
    ]);
    const model = replayChatModel("anthropic", "claude-opus-4-6", fetch, { compaction: true });
    for await (const _chunk of await model.stream([new HumanMessage("Replay")], {
      callbacks: [handler],
    })) {
      // drain
    }
    expect(records).toHaveLength(1);
    // What LangChain reports: message_start's 60385 input tokens and message_delta's
    // cumulative 2819 output tokens. The bill (iterations: compaction 60385/522, message
    // 612/2819) is 388 510 000 nano-USD; a callback handler cannot see it, so the record
    // (60385 × 5000 + 2819 × 25000 = 372 400 000) says it is an estimate, and why.
    expect(records[0]?.usage).toEqual({ inputTokens: 60385, outputTokens: 2819 });
    expect(records[0]).toMatchObject({
      costNanoUsd: 372_400_000,
      estimated: true,
      metadata: { estimateReason: "stream-hides-iterations" },
    });
  });
});
