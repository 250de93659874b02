import { describe, expect, it } from "vitest";
import { aiMajors, recordingLedger, totalHeld } from "./testing/test-ledger.js";

// acme:embed is priced $0.02 per 1M input tokens = 20 nano-USD per token (testing/test-ledger.ts).

const budget = {
  budgets: [{ id: "all", scope: "global", window: "total" as const, limit: { usd: 1 } }],
};

describe.each(aiMajors)("embeddings on $name", (major) => {
  it("records each doEmbed chunk of embedMany as its own embedding call", async () => {
    const { ledger, records } = recordingLedger(budget);
    const model = major.embeddingModel({
      provider: "acme",
      modelId: "embed",
      maxEmbeddingsPerCall: 2,
      tokensPerValue: 3,
    });
    const result = await major.embedMany({
      model,
      ledger,
      values: ["a", "b", "c", "d", "e"],
    });
    expect(result.tokens).toBe(15);
    expect(model.calls.map((call) => call.values.length)).toEqual([2, 2, 1]);
    expect(records.map((record) => record.kind)).toEqual(["embedding", "embedding", "embedding"]);
    expect(records.map((record) => record.usage)).toEqual([
      { inputTokens: 6, outputTokens: 0 },
      { inputTokens: 6, outputTokens: 0 },
      { inputTokens: 3, outputTokens: 0 },
    ]);
    // 6 × 20, 6 × 20, 3 × 20
    expect(records.map((record) => record.costNanoUsd)).toEqual([120, 120, 60]);
    expect(await totalHeld(ledger)).toBe(0);
  });

  it("takes context from providerOptions and strips it before the model sees it", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.embeddingModel({
      provider: "acme",
      modelId: "embed",
      maxEmbeddingsPerCall: 10,
      tokensPerValue: 4,
    });
    await major.embed({
      model,
      ledger,
      options: { context: { feature: "search" } },
      values: ["hello"],
      providerOptions: { tokenledger: { userId: "u-9" }, acme: { dimensions: "small" } },
    });
    expect(model.calls[0]?.providerOptions).toEqual({ acme: { dimensions: "small" } });
    expect(records[0]).toMatchObject({
      kind: "embedding",
      context: { feature: "search", userId: "u-9" },
      usage: { inputTokens: 4, outputTokens: 0 },
      costNanoUsd: 80, // 4 × 20
    });
  });

  it("estimates from the values when the provider reports no usage", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.embeddingModel({
      provider: "acme",
      modelId: "embed",
      maxEmbeddingsPerCall: 10,
      tokensPerValue: undefined,
    });
    await major.embedMany({ model, ledger, values: ["some text to embed", "and more"] });
    expect(records[0]).toMatchObject({ kind: "embedding", estimated: true, status: "ok" });
    expect(records[0]?.usage.inputTokens).toBeGreaterThan(0);
    expect(records[0]?.usage.inputTokens).toBe(records[0]?.reservedInputTokens);
  });
});
