import { InvalidConfigError } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { resolveMiddlewareOptions } from "./ledger-middleware-options.js";

const fallback = {
  specificationVersion: "v3",
  provider: "openai.chat",
  modelId: "gpt-4o-mini",
  doGenerate: async () => ({}),
  doStream: async () => ({}),
};

describe("resolveMiddlewareOptions", () => {
  it("applies defaults", () => {
    expect(resolveMiddlewareOptions(undefined)).toEqual({
      context: undefined,
      fallbacks: [],
      maxOutputUsd: undefined,
      capAtHold: true,
      stopStreamAtHold: false,
      shrinkToFit: false,
      providerOptionsKey: "tokenledger",
    });
  });

  it("names fallbacks by the model, or by the names given", () => {
    const resolved = resolveMiddlewareOptions({
      fallbackModel: [fallback, { model: fallback, modelId: "gpt-4o-mini-2024-07-18" }],
    });
    expect(resolved.fallbacks.map(({ modelId, provider }) => ({ modelId, provider }))).toEqual([
      { modelId: "gpt-4o-mini", provider: "openai.chat" },
      { modelId: "gpt-4o-mini-2024-07-18", provider: "openai.chat" },
    ]);
  });

  it("refuses bad options with a message saying what to pass", () => {
    expect(() => resolveMiddlewareOptions({ maxOutputUsd: -1 })).toThrow(InvalidConfigError);
    expect(() => resolveMiddlewareOptions({ maxOutputUsd: Number.NaN })).toThrow(/positive/);
    expect(() => resolveMiddlewareOptions({ providerOptionsKey: "" })).toThrow(/non-empty/);
    expect(() =>
      resolveMiddlewareOptions({ fallbackModel: "gpt-4o-mini" as unknown as typeof fallback }),
    ).toThrow(/fallbackModel must be a language model/);
    expect(() =>
      resolveMiddlewareOptions({ context: "chat" as unknown as { feature: string } }),
    ).toThrow(/context must be an object/);
  });
});
