import { describe, expect, it } from "vitest";
import { ledgerMiddleware } from "./ledger-middleware.js";
import type { MockCallInfo } from "./testing/ai-major.js";
import { aiMajors, recordingLedger } from "./testing/test-ledger.js";

// claude-haiku-4-5 in the bundled catalog (pricing/catalog.generated.ts; Anthropic's models
// overview and pricing page, checked 2026-12-08): at most 64,000 output tokens; $1 per 1M input
// tokens (1000 nano-USD per token), $5 per 1M output tokens (5000 nano-USD per token).
const haikuMaxOutputTokens = 64_000;
const usdBudget = {
  budgets: [{ id: "all", scope: "global", window: "total" as const, limit: { usd: 1 } }],
};

/** A provider that honours `max_tokens` and, without it, would run to 200,000 output tokens. */
const runaway = (call: MockCallInfo) => call.maxOutputTokens ?? 200_000;

describe.each(aiMajors)("ledgerMiddleware on $name: the provider is told the hold", (major) => {
  const haiku = () =>
    major.languageModel({
      provider: "anthropic.messages",
      modelId: "claude-haiku-4-5",
      generate: (call) => ({ text: "ok", usage: { input: 20, output: runaway(call) } }),
      stream: (call) => ({ textDeltas: ["ok"], usage: { input: 20, output: runaway(call) } }),
    });

  it("sends a budgeted generate without maxOutputTokens the model's output limit", async () => {
    const { ledger, nextRecords } = recordingLedger(usdBudget);
    const model = haiku();
    await major.generateText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hi" });
    expect(model.generateCalls[0]?.maxOutputTokens).toBe(haikuMaxOutputTokens);
    const [record] = await nextRecords(1);
    expect(record?.reservedOutputTokens).toBe(haikuMaxOutputTokens);
    expect(record?.usage.outputTokens).toBeLessThanOrEqual(record?.reservedOutputTokens ?? 0);
    // 20 × 1000 + 64,000 × 5000 nano-USD: the most the hold allowed, not 200,000 × 5000.
    expect(record?.costNanoUsd).toBe(320_020_000);
  });

  it("sends a budgeted stream without maxOutputTokens the model's output limit", async () => {
    const { ledger, nextRecords } = recordingLedger(usdBudget);
    const model = haiku();
    await major.streamText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hi" });
    expect(model.streamCalls[0]?.maxOutputTokens).toBe(haikuMaxOutputTokens);
    const [record] = await nextRecords(1);
    expect(record?.usage.outputTokens).toBe(haikuMaxOutputTokens);
    expect(record?.reservedOutputTokens).toBe(haikuMaxOutputTokens);
  });

  it("shrinkToFit runs a call that does not fit at the largest output cap that does", async () => {
    // $0.10 cannot hold 64,000 output tokens ($0.32): refused without shrinkToFit.
    const tenCents = {
      budgets: [{ id: "all", scope: "global", window: "total" as const, limit: { usd: 0.1 } }],
    };
    const refused = haiku();
    await expect(
      major.generateText({
        model: refused,
        middleware: ledgerMiddleware(recordingLedger(tenCents).ledger),
        prompt: "Hi",
      }),
    ).rejects.toThrow(/cannot hold this call/);
    expect(refused.generateCalls).toHaveLength(0);

    const { ledger, nextRecords } = recordingLedger(tenCents);
    const model = haiku();
    const middleware = ledgerMiddleware(ledger, { shrinkToFit: { minOutputTokens: 100 } });
    await major.generateText({ model, middleware, prompt: "Hi" });
    const sent = model.generateCalls[0]?.maxOutputTokens ?? 0;
    const [record] = await nextRecords(1);
    const inputNanoUsd = (record?.reservedInputTokens ?? 0) * 1000;
    // The largest output that fits $0.10 (100,000,000 nano-USD) at 5000 nano-USD a token.
    expect(inputNanoUsd + sent * 5000).toBeLessThanOrEqual(100_000_000);
    expect(inputNanoUsd + (sent + 1) * 5000).toBeGreaterThan(100_000_000);
    expect(record).toMatchObject({ reservedOutputTokens: sent, outputCappedFrom: 64_000 });
  });

  it("caps under a token budget too", async () => {
    const { ledger } = recordingLedger({
      budgets: [{ id: "t", scope: "global", window: "total", limit: { tokens: 1_000_000 } }],
    });
    const model = haiku();
    await major.generateText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hi" });
    expect(model.generateCalls[0]?.maxOutputTokens).toBe(haikuMaxOutputTokens);
  });

  it("leaves unbudgeted calls, calls with maxOutputTokens and capAtHold: false untouched", async () => {
    const unbudgeted = haiku();
    await major.generateText({
      model: unbudgeted,
      middleware: ledgerMiddleware(recordingLedger().ledger),
      prompt: "Hi",
    });
    expect(unbudgeted.generateCalls[0]?.maxOutputTokens).toBeUndefined();

    const explicit = haiku();
    await major.generateText({
      model: explicit,
      middleware: ledgerMiddleware(recordingLedger(usdBudget).ledger),
      prompt: "Hi",
      maxOutputTokens: 300,
    });
    expect(explicit.generateCalls[0]?.maxOutputTokens).toBe(300);

    const optedOut = haiku();
    await major.streamText({
      model: optedOut,
      middleware: ledgerMiddleware(recordingLedger(usdBudget).ledger, { capAtHold: false }),
      prompt: "Hi",
    });
    expect(optedOut.streamCalls[0]?.maxOutputTokens).toBeUndefined();
  });
});
