import { HumanMessage } from "@langchain/core/messages";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { createLedger, type UsageRecord } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { ledgerMetadata } from "./ledger-metadata.js";
import { anthropicModel, openAiModel } from "./test-support/models.js";

// Catalog prices (bundled genai-prices@0.1.8, 2026-09-23), USD per 1M tokens:
// gpt-4o input 2.50, cache read 1.25, output 10; claude-sonnet-4-5 input 3, cache write 3.75,
// cache read 0.30, output 15. The fakes' usage is in test-support/models.ts.

const question = [new HumanMessage("What is the capital of France?")];

function recordsOf(ledger: ReturnType<typeof createLedger>): UsageRecord[] {
  const records: UsageRecord[] = [];
  ledger.on("usage", ({ record }) => records.push(record));
  return records;
}

describe("cost on the message (response_metadata.tokenledger)", () => {
  it("quick start: the message invoke returns says what the call cost, no event needed", async () => {
    const handler = new LedgerCallbackHandler(createLedger());
    const message = await openAiModel().invoke(question, { callbacks: [handler] });
    // 1000 input of which 400 cached, 200 output:
    // 600 × 2.50 + 400 × 1.25 + 200 × 10 = 4000 USD/1M = $0.004 = 4 000 000 nano-USD
    expect(ledgerMetadata(message)).toEqual({
      recordId: expect.any(String),
      costUsd: 0.004,
      costNanoUsd: 4_000_000,
      priced: true,
      estimated: false,
      model: "gpt-4o",
      provider: "openai",
      status: "ok",
    });
    // The model's own response metadata is kept beside it.
    expect(message.response_metadata.model_name).toBe("gpt-4o-2024-08-06");
  });

  it("names the record it summarizes", async () => {
    const ledger = createLedger();
    const records = recordsOf(ledger);
    const handler = new LedgerCallbackHandler(ledger);
    const message = await anthropicModel().invoke(question, { callbacks: [handler] });
    // 50 uncached × 3 + 30 written × 3.75 + 20 read × 0.30 + 20 output × 15 = 568.5 USD/1M
    expect(ledgerMetadata(message)).toMatchObject({
      recordId: records[0]?.id,
      costNanoUsd: 568_500,
      costUsd: 0.0005685,
      provider: "anthropic",
    });
  });

  it("reaches the message a chain returns", async () => {
    const handler = new LedgerCallbackHandler(createLedger());
    const chain = ChatPromptTemplate.fromTemplate("Capital of {country}?").pipe(openAiModel());
    const message = await chain.invoke({ country: "France" }, { callbacks: [handler] });
    expect(ledgerMetadata(message)?.costNanoUsd).toBe(4_000_000);
  });

  it("puts the summary on generate()'s generations too", async () => {
    const handler = new LedgerCallbackHandler(createLedger());
    const result = await openAiModel().generate([question], { callbacks: [handler] });
    const generation = result.generations[0]?.[0];
    expect(ledgerMetadata(generation)?.costNanoUsd).toBe(4_000_000);
  });

  it("cannot reach streamed chunks: they are yielded before the run ends", async () => {
    const ledger = createLedger();
    const records = recordsOf(ledger);
    const handler = new LedgerCallbackHandler(ledger);
    const stream = await openAiModel().stream(question, { callbacks: [handler] });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((chunk) => ledgerMetadata(chunk) !== undefined)).toBe(false);
    expect(records).toHaveLength(1);
  });

  it("with waitUntil the message carries no summary (settled after it is returned)", async () => {
    const handed: Promise<unknown>[] = [];
    const handler = new LedgerCallbackHandler(createLedger(), {
      waitUntil: (promise) => handed.push(promise),
    });
    const message = await openAiModel().invoke(question, { callbacks: [handler] });
    await Promise.all(handed);
    expect(ledgerMetadata(message)).toBeUndefined();
  });

  it("reads undefined from a message no handler settled", () => {
    expect(ledgerMetadata(undefined)).toBeUndefined();
    expect(ledgerMetadata({ response_metadata: {} })).toBeUndefined();
    expect(ledgerMetadata({ response_metadata: { tokenledger: { costUsd: 1 } } })).toBeUndefined();
  });
});
