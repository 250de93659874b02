import { describe, expect, it } from "vitest";
import { ledgerMiddleware } from "./ledger-middleware.js";
import { aiMajors, recordingLedger, totalHeld } from "./testing/test-ledger.js";

// Prices (testing/test-ledger.ts), nano-USD per token: acme:big input 2000, output 8000.
// The usage below reports 20 cached input tokens out of 10 input tokens (as some proxies do):
// core cannot normalize it, but the call was paid for.

const budget = {
  budgets: [{ id: "all", scope: "global", window: "total" as const, limit: { usd: 1 } }],
};
const big = { model: "big", provider: "acme" };
const invalidUsage = { input: 10, output: 5, cacheRead: 20 };

describe.each(aiMajors)("ledgerMiddleware on $name: usage that cannot be normalized", (major) => {
  it("keeps a generate result and settles it estimated from its text", async () => {
    const { ledger, records } = recordingLedger(budget);
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "hello there", usage: invalidUsage }),
    });
    const result = await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hi",
    });
    expect(result.text).toBe("hello there");
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({
      status: "ok",
      estimated: true,
      metadata: { endReason: "usage-invalid" },
    });
    expect(record?.metadata?.usageError).toMatch(/cache/i);
    expect(record?.usage.inputTokens).toBe(record?.reservedInputTokens);
    const outputTokens = await ledger.countTokens("hello there", big);
    expect(record?.usage.outputTokens).toBe(outputTokens);
    const inputTokens = record?.usage.inputTokens ?? 0;
    expect(record?.costNanoUsd).toBe(inputTokens * 2000 + outputTokens * 8000);
    expect(await totalHeld(ledger)).toBe(0);
    const [status] = await ledger.status();
    expect(status?.spent).toBe(inputTokens * 2000 + outputTokens * 8000);
  });

  it("lets a stream finish and settles it estimated from its deltas", async () => {
    const { ledger, nextRecords, records } = recordingLedger(budget);
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: ["hello", " there"], usage: invalidUsage }),
    });
    const outcome = await major.streamText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hi",
    });
    expect(outcome.text).toBe("hello there");
    expect(outcome.partTypes).toContain("finish");
    expect(outcome.errors).toEqual([]);
    const [record] = await nextRecords(1);
    expect(records).toHaveLength(1);
    expect(record).toMatchObject({
      status: "ok",
      estimated: true,
      metadata: { endReason: "usage-invalid" },
    });
    expect(record?.usage.inputTokens).toBe(record?.reservedInputTokens);
    const outputTokens = await ledger.countTokens("hello there", big);
    expect(record?.usage.outputTokens).toBe(outputTokens);
    const inputTokens = record?.usage.inputTokens ?? 0;
    expect(record?.costNanoUsd).toBe(inputTokens * 2000 + outputTokens * 8000);
    expect(await totalHeld(ledger)).toBe(0);
  });
});
