import { AIMessage } from "@langchain/core/messages";
import type { ChatGeneration } from "@langchain/core/outputs";
import { describe, expect, it } from "vitest";
import { outcomeFromResult } from "./outcome-from-result.js";

const single = { provider: "openai", batchSize: 1, streamedChunks: [] };
const usage = {
  input_tokens: 100,
  output_tokens: 20,
  total_tokens: 120,
  input_token_details: { cache_read: 40 },
};

function choice(
  text: string,
  fields: Partial<ConstructorParameters<typeof AIMessage>[0] & object> = {},
) {
  return { text, message: new AIMessage({ content: text, usage_metadata: usage, ...fields }) };
}

describe("outcomeFromResult", () => {
  it("reads usage_metadata of the first choice only (n > 1 repeats it on every choice)", () => {
    const outcome = outcomeFromResult(
      { generations: [[choice("a"), choice("b"), choice("c")]] },
      single,
    );
    expect(outcome.usage).toEqual({ inputTokens: 100, outputTokens: 20, cacheReadTokens: 40 });
    expect(outcome.source).toBe("usage_metadata");
    expect(outcome.text).toBe("a\nb\nc");
  });

  it("sums one usage per prompt", () => {
    const outcome = outcomeFromResult({ generations: [[choice("a")], [choice("b")]] }, single);
    expect(outcome.usage).toMatchObject({
      inputTokens: 200,
      outputTokens: 40,
      cacheReadTokens: 80,
    });
  });

  it("reads the answering model: model_name, then model, then additional_kwargs.model", () => {
    const read = (fields: object) =>
      outcomeFromResult({ generations: [[choice("x", fields)]] }, single).responseModel;
    expect(read({ response_metadata: { model_name: "gpt-4o-2024-08-06", model: "other" } })).toBe(
      "gpt-4o-2024-08-06",
    );
    expect(read({ response_metadata: { model: "claude-sonnet-4-5-20250929" } })).toBe(
      "claude-sonnet-4-5-20250929",
    );
    expect(read({ additional_kwargs: { model: "claude-sonnet-4-5-20250929" } })).toBe(
      "claude-sonnet-4-5-20250929",
    );
    expect(read({})).toBeUndefined();
  });

  it("falls back to llmOutput.tokenUsage (legacy text LLMs)", () => {
    const outcome = outcomeFromResult(
      {
        generations: [[{ text: "done" }]],
        llmOutput: { tokenUsage: { promptTokens: 7, completionTokens: 3, totalTokens: 10 } },
      },
      single,
    );
    expect(outcome).toMatchObject({
      usage: { inputTokens: 7, outputTokens: 3 },
      source: "token_usage",
    });
  });

  it("books nothing twice on a legacy batch: the empty tokenUsage of later prompts is zero", () => {
    const outcome = outcomeFromResult(
      { generations: [[{ text: "second" }]], llmOutput: { tokenUsage: {} } },
      { ...single, batchSize: 2 },
    );
    expect(outcome).toMatchObject({
      usage: { inputTokens: 0, outputTokens: 0 },
      source: "batch_sibling",
    });
  });

  it("reports no usage when nothing was reported, so the ledger estimates from the text", () => {
    const generation: ChatGeneration = {
      text: "hello",
      message: new AIMessage({
        content: "hello",
        tool_calls: [{ name: "f", args: { a: 1 }, id: "1" }],
      }),
    };
    const outcome = outcomeFromResult({ generations: [[generation]] }, single);
    expect(outcome.usage).toBeUndefined();
    expect(outcome.source).toBe("none");
    expect(outcome.text).toContain('"args":{"a":1}');
  });
});
