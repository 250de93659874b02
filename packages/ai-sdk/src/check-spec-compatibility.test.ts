import { InvalidConfigError } from "@tokenledger/core";
import { MockLanguageModelV2 } from "ai-v5/test";
import { generateText, wrapLanguageModel } from "ai-v6";
import { describe, expect, it } from "vitest";
import {
  assertCountableModel,
  assertFallbackSpec,
  callingAiMajor,
} from "./check-spec-compatibility.js";
import { ledgerMiddleware } from "./ledger-middleware.js";
import { recordingLedger } from "./testing/test-ledger.js";

const model = (specificationVersion: string) => ({
  specificationVersion,
  provider: "acme",
  modelId: "big",
});
const userAgent = (version: string) => ({ "user-agent": `my-app/1.0 ai/${version}` });

describe("callingAiMajor", () => {
  it("reads the ai major from the user-agent the SDK adds", () => {
    expect(callingAiMajor(userAgent("6.0.326"))).toBe("6");
    expect(callingAiMajor({ "user-agent": "ai/5.0.277" })).toBe("5");
    expect(callingAiMajor({ "user-agent": "ai-sdk/provider-utils/4.0.1" })).toBeUndefined();
    expect(callingAiMajor(undefined)).toBeUndefined();
  });
});

describe("assertCountableModel", () => {
  it("accepts what each major reads correctly", () => {
    expect(() => assertCountableModel(model("v2"), userAgent("5.0.277"))).not.toThrow();
    expect(() => assertCountableModel(model("v3"), userAgent("6.0.326"))).not.toThrow();
    expect(() => assertCountableModel(model("v4"), userAgent("7.0.173"))).not.toThrow();
    expect(() => assertCountableModel(model("v2"), undefined)).not.toThrow();
  });

  it("refuses a v2 model under ai@6 and a v3 model under ai@5", () => {
    expect(() => assertCountableModel(model("v2"), userAgent("6.0.326"))).toThrow(
      /spec v2.*ai@6.*@ai-sdk\/openai@3/,
    );
    expect(() => assertCountableModel(model("v3"), userAgent("5.0.277"))).toThrow(
      /spec v3.*ai@5.*@ai-sdk\/openai@2/,
    );
  });
});

describe("assertFallbackSpec", () => {
  it("accepts the same spec, and v3 under v4", () => {
    expect(() => assertFallbackSpec(model("v3"), model("v3"))).not.toThrow();
    expect(() => assertFallbackSpec(model("v4"), model("v3"))).not.toThrow();
  });

  it("refuses a fallback whose results the SDK would misread", () => {
    expect(() => assertFallbackSpec(model("v4"), model("v2"))).toThrow(InvalidConfigError);
    expect(() => assertFallbackSpec(model("v3"), model("v4"))).toThrow(/spec v4/);
  });
});

describe("a v2 model wrapped under ai@6", () => {
  it("is refused before the provider is called instead of recording zeros", async () => {
    const { ledger, records } = recordingLedger();
    const inner = new MockLanguageModelV2({
      provider: "acme",
      modelId: "big",
      doGenerate: async () => ({
        content: [{ type: "text", text: "lost" }],
        finishReason: "stop",
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
        warnings: [],
      }),
    });
    // ai@6's types refuse a v2 model here; a JavaScript caller (or a cast) gets this far.
    const wrapped = wrapLanguageModel({
      model: inner as unknown as Parameters<typeof wrapLanguageModel>[0]["model"],
      middleware: ledgerMiddleware(ledger),
    });
    const failure = await generateText({ model: wrapped, prompt: "Hello", maxRetries: 0 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(InvalidConfigError.isInstance(failure)).toBe(true);
    expect(inner.doGenerateCalls).toHaveLength(0);
    expect(records).toHaveLength(0);
  });
});
