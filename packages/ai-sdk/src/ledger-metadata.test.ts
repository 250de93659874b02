import { createLedger } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { ledgerMetadata } from "./ledger-metadata.js";
import { ledgerMiddleware } from "./ledger-middleware.js";
import { aiMajors, recordingLedger } from "./testing/test-ledger.js";

// Prices (testing/test-ledger.ts), nano-USD per token: acme:big input 2000, output 8000.
// gpt-4o from the bundled catalog (genai-prices@0.1.8, 2026-09-23): input $2.50/M, output $10/M.

describe.each(aiMajors)("cost on the result on $name", (major) => {
  it("quick start: generateText's result says what the call cost, no event needed", async () => {
    const ledger = createLedger();
    const model = major.languageModel({
      provider: "openai.chat",
      modelId: "gpt-4o",
      generate: () => ({ text: "Paris.", usage: { input: 1000, output: 200 } }),
    });
    const result = await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Capital of France?",
    });
    const cost = ledgerMetadata(result);
    // 1000 × $2.50/M + 200 × $10/M = $0.0025 + $0.002 = $0.0045 = 4 500 000 nano-USD
    expect(cost).toMatchObject({
      costUsd: 0.0045,
      costNanoUsd: 4_500_000,
      priced: true,
      estimated: false,
      model: "gpt-4o",
      provider: "openai",
      status: "ok",
    });
    expect(cost?.recordId).toEqual(expect.any(String));
  });

  it("puts the summary beside the provider's own metadata, on the result and its step", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({
        text: "Hi",
        usage: { input: 100, output: 50 },
        providerMetadata: { acme: { requestId: "r-1" } },
      }),
    });
    const result = await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    // 100 × 2000 + 50 × 8000 = 600 000 nano-USD
    const expected = {
      recordId: records[0]?.id,
      costUsd: 0.0006,
      costNanoUsd: 600_000,
      priced: true,
      estimated: false,
      model: "big",
      provider: "acme",
      status: "ok",
    };
    expect(result.providerMetadata).toEqual({
      acme: { requestId: "r-1" },
      tokenledger: expected,
    });
    expect(
      result.stepProviderMetadata.map((metadata) => ledgerMetadata({ providerMetadata: metadata })),
    ).toEqual([expected]);
  });

  it("gives each step of a tool loop its own record's summary", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: (call) =>
        call.index === 0
          ? {
              toolCall: { toolName: "weather", input: '{"city":"Paris"}' },
              usage: { input: 100, output: 20 },
            }
          : { text: "It is sunny in Paris.", usage: { input: 150, output: 30 } },
    });
    const result = await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Weather in Paris?",
      withTool: true,
    });
    const steps = result.stepProviderMetadata.map((metadata) =>
      ledgerMetadata({ providerMetadata: metadata }),
    );
    // Step 1: 100 × 2000 + 20 × 8000 = 360 000; step 2: 150 × 2000 + 30 × 8000 = 540 000.
    expect(steps.map((step) => step?.costNanoUsd)).toEqual([360_000, 540_000]);
    expect(steps.map((step) => step?.recordId)).toEqual(records.map((record) => record.id));
    // The result's own metadata is its last step's.
    expect(ledgerMetadata({ providerMetadata: result.providerMetadata })?.costNanoUsd).toBe(
      540_000,
    );
  });

  it("streamText: the summary arrives with the finish part, in the result's providerMetadata", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: ["Hi", " there"], usage: { input: 100, output: 50 } }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    expect(outcome.text).toBe("Hi there");
    // Awaited `result.providerMetadata` passed straight to the helper.
    const cost = ledgerMetadata(outcome.providerMetadata as Record<string, unknown>);
    expect(cost).toEqual({
      recordId: records[0]?.id,
      costUsd: 0.0006,
      costNanoUsd: 600_000,
      priced: true,
      estimated: false,
      model: "big",
      provider: "acme",
      status: "ok",
    });
  });

  it("a stream stopped by maxOutputUsd still ends with a finish that carries the summary", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({
        textDeltas: Array.from({ length: 40 }, () => " word"),
        usage: { input: 10, output: 40 },
      }),
    });
    const outcome = await major.streamText({
      model,
      // 0.00004 USD = 40 000 nano-USD = 5 output tokens at 8000 each.
      middleware: ledgerMiddleware(ledger, { maxOutputUsd: 0.00004 }),
      prompt: "Say word forty times",
    });
    const cost = ledgerMetadata(outcome.providerMetadata as Record<string, unknown>);
    expect(cost).toMatchObject({
      recordId: records[0]?.id,
      costNanoUsd: records[0]?.costNanoUsd,
      estimated: true,
      status: "aborted",
    });
  });

  it("says an unpriced model cost nothing known: priced false, 0", async () => {
    const { ledger } = recordingLedger({ unknownModel: "record" });
    const model = major.languageModel({
      provider: "acme",
      modelId: "mystery",
      generate: () => ({ text: "Hi", usage: { input: 10, output: 5 } }),
    });
    const result = await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    expect(ledgerMetadata({ providerMetadata: result.providerMetadata })).toMatchObject({
      costUsd: 0,
      costNanoUsd: 0,
      priced: false,
    });
  });

  it("marks a call settled from its text (no usage reported) as estimated", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "Hi there" }),
    });
    const result = await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    const cost = ledgerMetadata({ providerMetadata: result.providerMetadata });
    expect(cost?.estimated).toBe(true);
    expect(cost?.costNanoUsd).toBe(records[0]?.costNanoUsd);
    expect(cost?.costNanoUsd).toBeGreaterThan(0);
  });

  it("with waitUntil the result carries no summary (the record is written after it)", async () => {
    const { ledger } = recordingLedger();
    const handed: Promise<unknown>[] = [];
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "Hi", usage: { input: 100, output: 50 } }),
      stream: () => ({ textDeltas: ["Hi"], usage: { input: 100, output: 50 } }),
    });
    const middleware = ledgerMiddleware(ledger, { waitUntil: (promise) => handed.push(promise) });
    const generated = await major.generateText({ model, middleware, prompt: "Hello" });
    const streamed = await major.streamText({ model, middleware, prompt: "Hello" });
    await Promise.all(handed);
    expect(ledgerMetadata({ providerMetadata: generated.providerMetadata })).toBeUndefined();
    expect(ledgerMetadata({ providerMetadata: streamed.providerMetadata })).toBeUndefined();
  });
});

describe("ledgerMetadata", () => {
  it("reads undefined from anything that is not a complete summary", () => {
    expect(ledgerMetadata(undefined)).toBeUndefined();
    expect(ledgerMetadata(null)).toBeUndefined();
    expect(ledgerMetadata({})).toBeUndefined();
    expect(ledgerMetadata({ providerMetadata: { tokenledger: { costUsd: 1 } } })).toBeUndefined();
    expect(
      ledgerMetadata({
        tokenledger: {
          recordId: "r",
          costUsd: 1,
          costNanoUsd: 1.5,
          priced: true,
          estimated: false,
          model: "m",
          provider: "p",
          status: "ok",
        },
      }),
    ).toBeUndefined();
  });
});
