import { describe, expect, it } from "vitest";
import { encodingForModel } from "./encoding-for-model.js";
import { tokenizerFamily } from "./tokenizer-family.js";

describe("encodingForModel", () => {
  it.each([
    ["gpt-4o", "o200k_base"],
    ["gpt-4o-mini-2024-07-18", "o200k_base"],
    ["chatgpt-4o-latest", "o200k_base"],
    ["gpt-4.1-nano", "o200k_base"],
    ["gpt-4.5-preview", "o200k_base"],
    ["gpt-5", "o200k_base"],
    ["gpt-5-mini", "o200k_base"],
    ["o1", "o200k_base"],
    ["o3-mini", "o200k_base"],
    ["o4-mini-2025-04-16", "o200k_base"],
    ["openai/gpt-4o", "o200k_base"],
    ["gpt-4", "cl100k_base"],
    ["gpt-4-0613", "cl100k_base"],
    ["gpt-4-turbo", "cl100k_base"],
    ["gpt-3.5-turbo", "cl100k_base"],
    ["openai:gpt-3.5-turbo-0125", "cl100k_base"],
    ["text-embedding-3-small", "cl100k_base"],
    ["text-embedding-ada-002", "cl100k_base"],
    ["claude-sonnet-4-5", "o200k_base"],
    ["gemini-2.5-flash", "o200k_base"],
  ])("%s → %s", (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });
});

describe("tokenizerFamily", () => {
  it.each([
    ["gpt-4o", undefined, "openai"],
    ["claude-3-5-haiku-latest", undefined, "anthropic"],
    ["us.anthropic.claude-3-7-sonnet-20250219-v1:0", "bedrock", "anthropic"],
    ["anthropic/claude-sonnet-4", "openai.chat", "anthropic"],
    ["gemini-2.0-flash", undefined, "google"],
    ["mistral-large-latest", undefined, "mistral"],
    ["llama-3.3-70b-versatile", "groq", "meta"],
    ["deepseek-chat", undefined, "deepseek"],
    ["grok-4", undefined, "xai"],
    ["command-r-plus", undefined, "cohere"],
    ["qwen3-235b", undefined, "qwen"],
    ["my-finetune", "google.generative-ai", "google"],
    ["my-finetune", "anthropic.messages", "anthropic"],
    ["my-finetune", "openai.responses", "openai"],
    ["my-finetune", undefined, "unknown"],
    [undefined, undefined, "unknown"],
  ])("%s (%s) → %s", (model, provider, family) => {
    expect(tokenizerFamily(model, provider)).toBe(family);
  });
});
