import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { createLedger } from "../ledger/create-ledger.js";
import { fromAiSdkUsage } from "./from-ai-sdk-usage.js";
import { supplementUsage } from "./supplement-usage.js";

// Anthropic's raw usage with server tools (Messages API `usage.server_tool_use`, docs
// "Web search tool", checked 2026-12-08).
const rawUsage = (searches: unknown) => ({
  input_tokens: 100,
  output_tokens: 20,
  server_tool_use: { web_search_requests: searches },
});

describe("web-search requests from usage", () => {
  it("supplementUsage reads Anthropic server_tool_use.web_search_requests (LangChain)", () => {
    expect(supplementUsage({ inputTokens: 100, outputTokens: 20 }, rawUsage(3))).toEqual({
      inputTokens: 100,
      outputTokens: 20,
      webSearchRequests: 3,
    });
  });

  it("fromAiSdkUsage reads them from usage.raw (spec v3/v4) and providerMetadata (ai@5)", () => {
    const nested = fromAiSdkUsage(
      { inputTokens: { total: 100, noCache: 100 }, outputTokens: { total: 20 }, raw: rawUsage(3) },
      { provider: "anthropic.messages" },
    );
    expect(nested?.webSearchRequests).toBe(3);
    const flat = fromAiSdkUsage(
      { inputTokens: 100, outputTokens: 20 },
      { provider: "anthropic.messages", providerMetadata: { anthropic: { usage: rawUsage(2) } } },
    );
    expect(flat?.webSearchRequests).toBe(2);
  });

  it("leaves zero searches out and refuses a malformed count", () => {
    expect(supplementUsage({ inputTokens: 1, outputTokens: 1 }, rawUsage(0))).toEqual({
      inputTokens: 1,
      outputTokens: 1,
    });
    expect(() => supplementUsage({ inputTokens: 1, outputTokens: 1 }, rawUsage(-1))).toThrow(
      InvalidUsageError,
    );
  });

  it("reads any count as given", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (searches) => {
        const usage = supplementUsage({ inputTokens: 5, outputTokens: 5 }, rawUsage(searches));
        return usage.webSearchRequests === searches;
      }),
    );
  });

  it("prices the searches: $10 per 1,000 for Claude Haiku 4.5", async () => {
    const usage = supplementUsage({ inputTokens: 100, outputTokens: 20 }, rawUsage(3));
    const record = await createLedger().record({
      model: "claude-haiku-4-5",
      provider: "anthropic",
      usage,
    });
    // Anthropic pricing page (checked 2026-12-08) and the catalog's webSearchesKcount
    // (10,000,000,000 nano-USD per 1,000 searches): 100 × 1000 + 20 × 5000 + 3 × 10,000,000.
    expect(record.costNanoUsd).toBe(30_200_000);
  });
});
