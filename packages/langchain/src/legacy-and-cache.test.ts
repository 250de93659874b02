import { InMemoryCache } from "@langchain/core/caches";
import { createLedger, type UsageRecord } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { FakeTextLLM } from "./test-support/fake-text-llm.js";
import { openAiModel } from "./test-support/models.js";

describe("legacy text LLMs", () => {
  it("books generate([p1, p2]) once: the first run carries the batch's summed tokenUsage", async () => {
    const ledger = createLedger();
    const records: UsageRecord[] = [];
    ledger.on("usage", ({ record }) => records.push(record));
    const handler = new LedgerCallbackHandler(ledger);
    const llm = new FakeTextLLM({
      model: "gpt-3.5-turbo-instruct",
      promptTokensEach: 10,
      completionTokensEach: 5,
    });

    await llm.generate(["first prompt", "second prompt"], { callbacks: [handler] });

    expect(llm.providerCalls).toBe(1);
    expect(records.map((record) => record.metadata?.usageSource)).toEqual([
      "token_usage",
      "batch_sibling",
    ]);
    expect(handler.totals).toMatchObject({
      successfulRequests: 2,
      promptTokens: 2 * 10,
      completionTokens: 2 * 5,
      // gpt-3.5-turbo-instruct: input $1.50/M, output $2/M → 20 × 1500 + 10 × 2000 nano-USD
      totalCostNanoUsd: 20 * 1500 + 10 * 2000,
    });
  });
});

describe("LangChain cache hits", () => {
  it("are free: the hold is released and no request is counted", async () => {
    const ledger = createLedger({
      budgets: [{ id: "all", scope: "global", window: "day", limit: { usd: 10 } }],
    });
    const handler = new LedgerCallbackHandler(ledger);
    const model = openAiModel({ cache: new InMemoryCache() });

    await model.invoke("same question", { callbacks: [handler] });
    await model.invoke("same question", { callbacks: [handler] });

    expect(model.providerCalls).toBe(1);
    expect(handler.totals.successfulRequests).toBe(1);
    expect(handler.totals.totalCostNanoUsd).toBe(600 * 2500 + 400 * 1250 + 200 * 10_000);
    const [status] = await ledger.status({});
    expect(status).toMatchObject({ held: 0, spent: 4_000_000 });
  });
});
