import { describe, expect, it } from "vitest";
import { ledgerMiddleware } from "./ledger-middleware.js";
import {
  readFinishReason,
  readGatewayCostUsd,
  readGatewayGenerationId,
  readGeneratedText,
  readResponseModelId,
} from "./read-model-result.js";
import { aiMajors, recordingLedger } from "./testing/test-ledger.js";

describe("model result readers", () => {
  it("read the AI Gateway's decimal-string cost and generation id", () => {
    const metadata = { gateway: { cost: "0.000056", generationId: "gen_01" } };
    expect(readGatewayCostUsd(metadata)).toBe(0.000056);
    expect(readGatewayGenerationId(metadata)).toBe("gen_01");
    expect(readGatewayCostUsd({ gateway: { cost: 0.25 } })).toBe(0.25);
  });

  it("ignore a gateway cost that is not a finite non-negative amount", () => {
    expect(readGatewayCostUsd({ gateway: { cost: "n/a" } })).toBeUndefined();
    expect(readGatewayCostUsd({ gateway: { cost: "-1" } })).toBeUndefined();
    expect(readGatewayCostUsd({ gateway: { cost: "" } })).toBeUndefined();
    expect(readGatewayCostUsd(undefined)).toBeUndefined();
  });

  it("read finish reasons of spec v2 and v3/v4", () => {
    expect(readFinishReason({ finishReason: "length" })).toBe("length");
    expect(readFinishReason({ finishReason: { unified: "interrupted", raw: undefined } })).toBe(
      "interrupted",
    );
    expect(readFinishReason({})).toBeUndefined();
  });

  it("read the responded model and the produced text", () => {
    expect(readResponseModelId({ response: { modelId: "gpt-4o-2024-08-06" } })).toBe(
      "gpt-4o-2024-08-06",
    );
    expect(readResponseModelId({ response: { modelId: "" } })).toBeUndefined();
    expect(
      readGeneratedText({
        content: [
          { type: "reasoning", text: "think " },
          { type: "text", text: "answer " },
          { type: "tool-call", toolName: "f", input: '{"a":1}' },
          { type: "file", data: "xyz" },
        ],
      }),
    ).toBe('think answer {"a":1}');
  });
});

describe.each(aiMajors)("gateway cost on $name", (major) => {
  it("is kept beside our own price", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({
        text: "ok",
        usage: { input: 100, output: 50 },
        providerMetadata: { gateway: { cost: "0.00061", generationId: "gen_42" } },
      }),
    });
    await major.generateText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hello" });
    expect(records[0]).toMatchObject({
      providerReportedCostUsd: 0.00061,
      costNanoUsd: 600_000, // 100 × 2000 + 50 × 8000, ours
      metadata: { gatewayGenerationId: "gen_42" },
    });
  });
});
