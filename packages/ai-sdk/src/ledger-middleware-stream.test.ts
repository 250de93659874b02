import { BudgetExceededError } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { ledgerMiddleware } from "./ledger-middleware.js";
import { aiMajors, recordingLedger, totalHeld } from "./testing/test-ledger.js";

// Prices (testing/test-ledger.ts), nano-USD per token: acme:big input 2000, output 8000.

const budget = (usd: number) => ({
  budgets: [{ id: "all", scope: "global", window: "total" as const, limit: { usd } }],
});
const big = { model: "big", provider: "acme" };

describe.each(aiMajors)("ledgerMiddleware on $name: stream", (major) => {
  it("settles at finish with the reported usage and the response-metadata model", async () => {
    const { ledger, records } = recordingLedger(budget(1));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({
        textDeltas: ["Hel", "lo", " world"],
        usage: { input: 100, output: 50 },
        responseModelId: "big-2025-06-01",
      }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    expect(outcome.text).toBe("Hello world");
    expect(outcome.errors).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      status: "ok",
      estimated: false,
      responseModel: "big-2025-06-01",
      usage: { inputTokens: 100, outputTokens: 50 },
      // 100 × 2000 + 50 × 8000
      costNanoUsd: 600_000,
    });
    expect(await totalHeld(ledger)).toBe(0);
  });

  it("keeps reasoning tokens as part of the output", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({
        reasoningDeltas: ["thinking"],
        textDeltas: ["done"],
        usage: { input: 10, output: 40, reasoning: 30 },
      }),
    });
    await major.streamText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hello" });
    expect(records[0]?.usage).toMatchObject({ outputTokens: 40, reasoningTokens: 30 });
    // 10 × 2000 + 40 × 8000 (reasoning is inside the 40 output tokens, priced once)
    expect(records[0]?.costNanoUsd).toBe(340_000);
    // No budget held this call and no cap was asked for: its prompt was never tokenized.
    expect(records[0]?.reservedInputTokens).toBeUndefined();
  });

  it("settles an aborted stream from the deltas seen, estimated, with nothing left held", async () => {
    const { ledger, nextRecords } = recordingLedger(budget(1));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({
        textDeltas: ["one ", "two ", "three ", "four "],
        usage: { input: 100, output: 50 },
        stallAfterTextDeltas: 2,
      }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Count",
      abortAfterTextDeltas: 2,
    });
    expect(outcome.text).toBe("one two ");
    const [record] = await nextRecords(1);
    expect(record).toMatchObject({ status: "aborted", estimated: true });
    expect(record?.usage.inputTokens).toBe(record?.reservedInputTokens);
    expect(record?.usage.outputTokens).toBe(await ledger.countTokens("one two ", big));
    expect(await totalHeld(ledger)).toBe(0);
    const [status] = await ledger.status();
    expect(status?.spent).toBe(record?.costNanoUsd);
    expect(status?.spent).toBeGreaterThan(0);
  });

  it("settles a stream that closes without finish as an estimated error", async () => {
    const { ledger, nextRecords } = recordingLedger(budget(1));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: ["partial ", "answer"], finish: false }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    expect(outcome.text).toBe("partial answer");
    const [record] = await nextRecords(1);
    expect(record).toMatchObject({
      status: "error",
      estimated: true,
      metadata: { endReason: "closed-without-finish" },
    });
    expect(record?.usage.outputTokens).toBe(await ledger.countTokens("partial answer", big));
    expect(await totalHeld(ledger)).toBe(0);
  });

  it("settles a stream whose source errors midway from the deltas seen", async () => {
    const { ledger, nextRecords } = recordingLedger(budget(1));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({
        textDeltas: ["half"],
        finish: false,
        errorAfterDeltas: new Error("socket hang up"),
      }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    expect(outcome.errors.length).toBeGreaterThan(0);
    const [record] = await nextRecords(1);
    expect(record).toMatchObject({ status: "error", estimated: true });
    expect(record?.usage.outputTokens).toBe(await ledger.countTokens("half", big));
    expect(await totalHeld(ledger)).toBe(0);
  });

  it("reports a budget denial through onError without opening the stream", async () => {
    const { ledger, records } = recordingLedger(budget(0.000001));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: ["never"], usage: { input: 1, output: 1 } }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    expect(outcome.errors.some((error) => BudgetExceededError.isInstance(error))).toBe(true);
    expect(model.streamCalls).toHaveLength(0);
    expect(records).toHaveLength(0);
  });

  it("stops a stream whose output passes maxOutputUsd with an error part and a finish", async () => {
    // 0.00004 USD = 40_000 nano-USD = 5 output tokens at 8000 each.
    const { ledger, nextRecords } = recordingLedger();
    const deltas = Array.from({ length: 40 }, () => " word");
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: deltas, usage: { input: 10, output: 40 } }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger, { maxOutputUsd: 0.00004 }),
      prompt: "Say word forty times",
    });
    expect(outcome.text.length).toBeLessThan(deltas.join("").length);
    expect(outcome.text.length).toBeGreaterThan(0);
    expect(outcome.errors.some((error) => BudgetExceededError.isInstance(error))).toBe(true);
    expect(outcome.partTypes).toContain("finish");
    const [record] = await nextRecords(1);
    expect(record).toMatchObject({
      status: "aborted",
      estimated: true,
      metadata: { endReason: "output-cap" },
    });
    expect(record?.usage.outputTokens).toBeGreaterThan(5);
    expect(record?.usage.outputTokens).toBe(await ledger.countTokens(outcome.text, big));
  });

  it("prices maxOutputUsd at the call's context tier, not the empty-prompt tier", async () => {
    // acme:tiered: output $8/M (8000 nano-USD a token) up to 50 input tokens, $16/M (16_000)
    // above. The prompt is ~100 tokens, so 0.00004 USD = 40_000 nano-USD buys
    // floor(40_000 / 16_000) = 2 output tokens (the lower tier would allow 5).
    const { ledger, nextRecords } = recordingLedger({
      prices: {
        "acme:tiered": {
          inputMtok: 2,
          outputMtok: 8,
          tiers: [{ startInputTokens: 50, inputMtok: 4, outputMtok: 16 }],
        },
      },
    });
    const deltas = Array.from({ length: 40 }, () => " word");
    const model = major.languageModel({
      provider: "acme",
      modelId: "tiered",
      stream: () => ({ textDeltas: deltas, usage: { input: 100, output: 40 } }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger, { maxOutputUsd: 0.00004 }),
      prompt: "word ".repeat(100),
    });
    const error = outcome.errors.find((candidate) => BudgetExceededError.isInstance(candidate));
    expect(outcome.partTypes).toContain("finish");
    const [record] = await nextRecords(1);
    expect(record?.usage.inputTokens).toBeGreaterThan(50);
    expect(record?.metadata).toMatchObject({ endReason: "output-cap" });
    const outputTokens = record?.usage.outputTokens ?? 0;
    // Stopped at the first count above 2 tokens, well before the 6th token.
    expect(outputTokens).toBeGreaterThan(2);
    expect(outputTokens).toBeLessThan(6);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).denial).toMatchObject({
      limit: 40_000,
      spent: outputTokens * 16_000,
    });
  });

  it("strips the context key from a stream's providerOptions", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: ["ok"], usage: { input: 1, output: 1 } }),
    });
    await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
      providerOptions: { tokenledger: { userId: "u-7" }, acme: { region: "eu" } },
    });
    expect(model.streamCalls[0]?.providerOptions).toEqual({ acme: { region: "eu" } });
    expect(records[0]?.context).toMatchObject({ userId: "u-7" });
  });

  it('with capAtHold: "stream", stops a stream whose output passes the tokens held for it', async () => {
    const { ledger, nextRecords } = recordingLedger();
    const deltas = Array.from({ length: 40 }, () => " word");
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: deltas, usage: { input: 10, output: 40 } }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger, { capAtHold: "stream" }),
      prompt: "Say word forty times",
      maxOutputTokens: 3,
    });
    expect(outcome.text.length).toBeLessThan(deltas.join("").length);
    expect(outcome.partTypes).toContain("finish");
    const [record] = await nextRecords(1);
    expect(record).toMatchObject({
      reservedOutputTokens: 3,
      metadata: { endReason: "output-cap" },
    });
    expect(record?.usage.outputTokens).toBeGreaterThan(3);
  });
});
