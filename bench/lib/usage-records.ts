import type { UsageRecord } from "@tokenledger/core";

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2026, 10, 1);
const MODELS = ["gpt-4o-mini", "gpt-4o", "claude-sonnet-4-5", "gemini-2.5-flash"] as const;

/**
 * The `index`-th of a stream of realistic records (the shape `settle` writes: usage, cost lines,
 * context, hashes): `users` distinct users and 4 models, spread over the same 30 days, so past
 * a few hundred thousand records every day × model × user roll-up row exists.
 */
export function usageRecord(index: number, users: number): UsageRecord {
  const model = MODELS[(index >>> 3) % MODELS.length] as string;
  const inputTokens = 200 + (index % 900);
  const outputTokens = 20 + (index % 300);
  const inputNanoUsd = inputTokens * 150;
  const outputNanoUsd = outputTokens * 600;
  return {
    id: `record-${index}`,
    time: new Date(START_MS + ((index * 2_591) % (30 * DAY_MS))).toISOString(),
    kind: "chat",
    provider: "openai",
    requestedModel: model,
    model,
    usage: { inputTokens, outputTokens },
    cost: {
      provider: "openai",
      model,
      totalNanoUsd: inputNanoUsd + outputNanoUsd,
      totalUsd: (inputNanoUsd + outputNanoUsd) / 1e9,
      lines: [
        {
          kind: "input",
          tokens: inputTokens,
          nanoUsdPerMtok: 150_000_000,
          exactNanoUsd: inputNanoUsd,
        },
        {
          kind: "output",
          tokens: outputTokens,
          nanoUsdPerMtok: 600_000_000,
          exactNanoUsd: outputNanoUsd,
        },
      ],
      priceSource: "genai-prices@47df840",
    },
    costNanoUsd: inputNanoUsd + outputNanoUsd,
    priced: true,
    estimated: false,
    status: "ok",
    context: { userId: `user-${index % users}`, feature: index % 2 === 0 ? "chat" : "search" },
    responseModel: `${model}-2024-07-18`,
    priceSource: "genai-prices@47df840",
    reservedInputTokens: inputTokens,
    reservedOutputTokens: 4096,
    latencyMs: 300 + (index % 700),
    promptHash: (0x1_0000_0000 + index).toString(16).padStart(16, "0"),
    systemHash: "75a076e7b5773648",
    systemTokens: 39,
  } as UsageRecord;
}
