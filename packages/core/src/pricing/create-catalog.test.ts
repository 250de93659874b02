import { describe, expect, it } from "vitest";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import { createCatalog, defaultCatalog } from "./create-catalog.js";
import { resolveModel } from "./resolve-model.js";

function where(model: string, provider?: string): string | undefined {
  const resolved = defaultCatalog.resolve(model, provider);
  return resolved && `${resolved.provider}:${resolved.model}`;
}

describe("model lookup", () => {
  it("resolves bare ids to the provider whose rule claims them, not a reseller", () => {
    expect(where("gpt-4o")).toBe("openai:gpt-4o");
    expect(where("text-embedding-3-small")).toBe("openai:text-embedding-3-small");
    expect(where("claude-sonnet-4-5")).toBe("anthropic:claude-sonnet-4-5");
    expect(where("gemini-2.5-pro")).toBe("google:gemini-2.5-pro");
  });

  it("resolves provider:model, provider/model and any letter case", () => {
    expect(where("openai:gpt-4o")).toBe("openai:gpt-4o");
    expect(where("openai/gpt-4o")).toBe("openai:gpt-4o");
    expect(where("anthropic/claude-sonnet-4.5")).toBe("anthropic:claude-sonnet-4-5");
    expect(where("GPT-4o")).toBe("openai:gpt-4o");
    expect(where("OpenAI:GPT-4O")).toBe("openai:gpt-4o");
  });

  it("resolves dated snapshots to their model", () => {
    expect(where("gpt-4o-2024-08-06")).toBe("openai:gpt-4o");
    expect(where("claude-sonnet-4-5-20250929")).toBe("anthropic:claude-sonnet-4-5");
    expect(where("o3-2025-04-16")).toBe("openai:o3");
    // not listed upstream: the trailing snapshot date is dropped
    expect(where("gpt-4o-2024-06-01")).toBe("openai:gpt-4o");
  });

  it.each([
    // AI SDK provider names
    ["gpt-4o", "openai.responses", "openai:gpt-4o"],
    ["gpt-4o", "openai.chat", "openai:gpt-4o"],
    ["text-embedding-3-small", "openai.embedding", "openai:text-embedding-3-small"],
    ["claude-sonnet-4-5", "anthropic.messages", "anthropic:claude-sonnet-4-5"],
    ["gemini-2.5-pro", "google.generative-ai", "google:gemini-2.5-pro"],
    ["gemini-2.5-pro", "google.vertex.chat", "google:gemini-2.5-pro"],
    ["gpt-4o", "azure.chat", "azure:gpt-4o"],
    ["mistral-large-latest", "mistral.chat", "mistral:mistral-large"],
    ["llama-3.3-70b-versatile", "groq.chat", "groq:llama-3.3-70b-versatile"],
    ["grok-4", "xai.chat", "x-ai:grok-4-0709"],
    ["deepseek-chat", "deepseek.chat", "deepseek:deepseek-chat"],
    ["amazon.nova-lite-v1:0", "bedrock", "aws:amazon.nova-lite-v1:0"],
    ["openai/gpt-4o", "gateway", "openai:gpt-4o"],
    ["anthropic/claude-sonnet-4.5", "gateway", "anthropic:claude-sonnet-4-5"],
    // LangChain ls_provider values
    ["gpt-4o", "openai", "openai:gpt-4o"],
    ["claude-sonnet-4-5", "anthropic", "anthropic:claude-sonnet-4-5"],
    ["gemini-2.5-pro", "google_genai", "google:gemini-2.5-pro"],
    ["gemini-2.5-pro", "google_vertexai", "google:gemini-2.5-pro"],
    ["gpt-4o", "azure", "azure:gpt-4o"],
    [
      "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "bedrock",
      "aws:regional.anthropic.claude-sonnet-4-5-20250929-v1:0",
    ],
    ["llama-3.3-70b-versatile", "groq", "groq:llama-3.3-70b-versatile"],
    ["mistral-large-latest", "mistralai", "mistral:mistral-large"],
    ["deepseek-chat", "deepseek", "deepseek:deepseek-chat"],
    ["grok-4", "xai", "x-ai:grok-4-0709"],
    ["accounts/fireworks/models/deepseek-v3p2", "fireworks", "fireworks:deepseek-v3p2"],
    [
      "meta-llama/Llama-3.3-70B-Instruct-Turbo",
      "together",
      "together:meta-llama/Llama-3.3-70B-Instruct-Turbo",
    ],
  ])("%s with provider %s → %s", (model, provider, expected) => {
    expect(where(model, provider)).toBe(expected);
  });

  it("keeps a provider's own catalog (OpenRouter ids) and never borrows a cloud price for ollama", () => {
    expect(where("openai/gpt-4o", "openrouter")).toBe("openrouter:openai/gpt-4o");
    expect(where("llama3.1", "ollama")).toBeUndefined();
    expect(defaultCatalog.normalizeProvider("ollama", "llama3.1")).toBe("ollama");
  });

  it("never splits a Bedrock id at its version colon, even when a provider prefix has prices", () => {
    const catalog = createCatalog({
      prices: { "anthropic:house-model": { inputMtok: 1, outputMtok: 1 } },
    });
    const resolved = catalog.resolve("anthropic.claude-3-5-sonnet-20240620-v1:0");
    expect(resolved && `${resolved.provider}:${resolved.model}`).toBe(
      "aws:regional.anthropic.claude-3-5-sonnet-20240620-v1:0",
    );
  });

  it("caches resolutions: the same pair returns the same object", () => {
    const first = defaultCatalog.resolve("gpt-4o", "openai.chat");
    expect(defaultCatalog.resolve("gpt-4o", "openai.chat")).toBe(first);
  });

  it("exposes model info for the ledger without throwing", () => {
    expect(resolveModel({ model: "gpt-4o" })).toMatchObject({
      provider: "openai",
      model: "gpt-4o",
      contextWindow: 128_000,
      priceSource: "genai-prices@npm-0.1.8",
    });
    expect(resolveModel({ model: "gpt-9o" })).toBeUndefined();
  });

  it("normalizes provider names for unpriced records", () => {
    expect(defaultCatalog.normalizeProvider("openai.responses", "gpt-9o")).toBe("openai");
    expect(defaultCatalog.normalizeProvider(undefined, "anthropic/claude-9")).toBe("anthropic");
    expect(defaultCatalog.normalizeProvider("gateway", "xai/grok-9")).toBe("x-ai");
    expect(defaultCatalog.normalizeProvider(undefined, "mystery")).toBe("unknown");
  });

  it("throws UnknownModelError with up to 3 close ids and how to add a price", () => {
    expect(() => defaultCatalog.resolveOrThrow("claude-sonet-4-5", "anthropic")).toThrow(
      UnknownModelError,
    );
    try {
      defaultCatalog.resolveOrThrow("gpt-4x");
    } catch (error) {
      const unknown = error as UnknownModelError;
      expect(unknown.model).toBe("gpt-4x");
      expect(unknown.provider).toBeUndefined();
      expect(unknown.suggestions.length).toBeGreaterThan(0);
      expect(unknown.suggestions.length).toBeLessThanOrEqual(3);
      expect(unknown.suggestions).toContain("gpt-4o");
      expect(unknown.message).toMatch(
        /Unknown model "gpt-4x"\. Closest known: .*gpt-4o.* Add a price with prices:/,
      );
    }
    expect(defaultCatalog.suggest("gpt-4o", "openrouter")).toContain("openai/gpt-4o");
  });
});
