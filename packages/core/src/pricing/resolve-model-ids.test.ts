import { describe, expect, it } from "vitest";
import { createCatalog } from "./create-catalog.js";

// Expected entries are those of the bundled genai-prices data (2026-08-21).
const catalog = createCatalog();
const entryOf = (model: string, provider?: string) => {
  const resolved = catalog.resolve(model, provider);
  return (
    resolved && {
      entry: resolved.priceEntry,
      match: resolved.priceMatch,
      ...(resolved.serviceTier ? { tier: resolved.serviceTier } : {}),
    }
  );
};

describe("model ids as providers and gateways spell them", () => {
  it("Vertex claude-*@date resolves to the model's own entry, not Claude 4", () => {
    // Google's Vertex entry for Sonnet 4.5 is in the data since genai-prices npm 0.1.8: on
    // Vertex its price wins; with no provider, Anthropic's own entry.
    const onVertex = { entry: "google:claude-sonnet-4-5", match: "snapshot" };
    expect(entryOf("claude-sonnet-4-5@20250929", "google-vertex")).toEqual(onVertex);
    expect(entryOf("claude-sonnet-4-5@20250929", "vertex.anthropic.messages")).toEqual(onVertex);
    expect(entryOf("claude-sonnet-4-5@20250929")).toEqual({
      entry: "anthropic:claude-sonnet-4-5",
      match: "snapshot",
    });
    // Where Google's own Vertex entry declares the model, its price wins.
    expect(entryOf("claude-opus-4-1@20250805", "google-vertex")).toEqual({
      entry: "google:claude-4-opus",
      match: "snapshot",
    });
  });

  it("Bedrock model ids and inference profiles resolve to the AWS entries", () => {
    const regional = {
      entry: "aws:regional.anthropic.claude-sonnet-4-5-20250929-v1:0",
      match: "alias",
    };
    expect(entryOf("anthropic.claude-sonnet-4-5-20250929-v1:0")).toEqual(regional);
    expect(entryOf("anthropic.claude-sonnet-4-5-20250929-v1:0", "amazon-bedrock")).toEqual(
      regional,
    );
    expect(entryOf("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock")).toEqual(regional);
    expect(entryOf("eu.anthropic.claude-sonnet-4-5-20250929-v1:0")).toEqual(regional);
    expect(entryOf("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "bedrock")).toEqual({
      entry: "aws:global.anthropic.claude-sonnet-4-5-20250929-v1:0",
      match: "exact",
    });
  });

  it("Vercel AI Gateway ids resolve in the creator's entries", () => {
    expect(entryOf("xai/grok-4", "gateway")).toEqual({ entry: "x-ai:grok-4-0709", match: "alias" });
    expect(entryOf("anthropic/claude-sonnet-4.5", "gateway")).toEqual({
      entry: "anthropic:claude-sonnet-4-5",
      match: "alias",
    });
    expect(entryOf("openai/gpt-4o", "gateway")).toEqual({ entry: "openai:gpt-4o", match: "exact" });
  });

  it("a gateway creator with no entry of its own borrows another provider's price, as family", () => {
    // No "meta" provider in the data: the Llama price is a reseller's, so only approximate.
    expect(entryOf("meta/llama-3.3-70b", "gateway")).toEqual({
      entry: "cerebras:llama-3.3-70b",
      match: "family",
    });
  });

  it("OpenRouter ids prefer OpenRouter's own price over a reseller's", () => {
    expect(entryOf("meta-llama/llama-3.3-70b-instruct", "openrouter")).toEqual({
      entry: "openrouter:meta-llama/llama-3.3-70b-instruct",
      match: "exact",
    });
    expect(entryOf("openrouter:meta-llama/llama-3.3-70b-instruct")).toEqual({
      entry: "openrouter:meta-llama/llama-3.3-70b-instruct",
      match: "exact",
    });
    expect(entryOf("anthropic/claude-sonnet-4.5", "openrouter.chat")).toEqual({
      entry: "openrouter:anthropic/claude-sonnet-4.5",
      match: "exact",
    });
  });

  it(":batch / :flex / :priority suffixes are stripped and carried as the service tier", () => {
    expect(entryOf("gpt-4o:batch")).toEqual({
      entry: "openai:gpt-4o",
      match: "exact",
      tier: "batch",
    });
    expect(entryOf("o3:flex", "openai.responses")).toEqual({
      entry: "openai:o3",
      match: "exact",
      tier: "flex",
    });
    expect(entryOf("openai:gpt-4o-mini:priority")).toEqual({
      entry: "openai:gpt-4o-mini",
      match: "exact",
      tier: "priority",
    });
  });

  it("AI SDK provider names inside a model string are split off", () => {
    expect(entryOf("openai.responses:gpt-4o")).toEqual({ entry: "openai:gpt-4o", match: "exact" });
    expect(entryOf("anthropic.messages:claude-sonnet-4-5")).toEqual({
      entry: "anthropic:claude-sonnet-4-5",
      match: "exact",
    });
    expect(entryOf("google.generative-ai:gemini-2.5-pro")).toEqual({
      entry: "google:gemini-2.5-pro",
      match: "exact",
    });
    // A Bedrock id is not an AI SDK name followed by a model.
    expect(entryOf("anthropic.claude-sonnet-4-5-20250929-v1:0")?.entry).toBe(
      "aws:regional.anthropic.claude-sonnet-4-5-20250929-v1:0",
    );
  });
});
