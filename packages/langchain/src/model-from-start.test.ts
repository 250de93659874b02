import type { Serialized } from "@langchain/core/load/serializable";
import { describe, expect, it } from "vitest";
import { modelFromStart } from "./model-from-start.js";

const chatOpenAi: Serialized = {
  lc: 1,
  type: "constructor",
  id: ["langchain", "chat_models", "openai", "ChatOpenAI"],
  kwargs: {},
};
const fake: Serialized = {
  lc: 1,
  type: "not_implemented",
  id: ["langchain", "testing", "FakeBuiltModel"],
};

describe("modelFromStart", () => {
  it("prefers ls_model_name and ls_provider, worst case from ls_max_tokens", () => {
    const model = modelFromStart(
      chatOpenAi,
      { invocation_params: { model: "gpt-4o-2024-08-06", max_tokens: 99 }, batch_size: 1 },
      { ls_model_name: "gpt-4o", ls_provider: "openai", ls_max_tokens: 256 },
      {},
    );
    expect(model).toEqual({
      model: "gpt-4o",
      modelSource: "run",
      provider: "openai",
      maxOutputTokens: 256,
      tools: undefined,
      batchSize: 1,
    });
  });

  it("falls back to invocation_params: model, model_name, max_completion_tokens", () => {
    expect(
      modelFromStart(
        chatOpenAi,
        { invocation_params: { model_name: "o3-mini", max_completion_tokens: 2048 } },
        {},
        {},
      ),
    ).toMatchObject({ model: "o3-mini", provider: undefined, maxOutputTokens: 2048 });
  });

  it("passes tool definitions and the batch size on", () => {
    const tools = [{ type: "function", function: { name: "lookup" } }];
    expect(
      modelFromStart(
        chatOpenAi,
        { invocation_params: { model: "gpt-4o", tools }, batch_size: 3 },
        {},
        {},
      ),
    ).toMatchObject({ tools, batchSize: 3 });
  });

  it("uses defaultModel and defaultProvider for models that do not name themselves", () => {
    const metadata = { ls_provider: "FakeBuiltModel" };
    expect(
      modelFromStart(fake, {}, metadata, {
        defaultModel: "gpt-4o-mini",
        defaultProvider: "openai",
      }),
    ).toMatchObject({
      model: "gpt-4o-mini",
      provider: "openai",
    });
    // A named model keeps its own ls_provider.
    expect(
      modelFromStart(
        chatOpenAi,
        {},
        { ls_model_name: "gpt-4o", ls_provider: "azure" },
        { defaultProvider: "openai" },
      ),
    ).toMatchObject({ model: "gpt-4o", provider: "azure" });
  });

  it("names an unnamed model by its class so the ledger treats it as unknown, never free", () => {
    expect(modelFromStart(fake, {}, { ls_provider: "FakeBuiltModel" }, {})).toMatchObject({
      model: "FakeBuiltModel",
      provider: "FakeBuiltModel",
    });
  });

  it("ignores max token values that are not positive integers", () => {
    expect(
      modelFromStart(
        chatOpenAi,
        { invocation_params: { max_tokens: -1 } },
        { ls_model_name: "gpt-4o", ls_max_tokens: 0 },
        {},
      ).maxOutputTokens,
    ).toBeUndefined();
  });
});
