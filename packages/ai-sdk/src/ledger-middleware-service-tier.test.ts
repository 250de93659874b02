import { BudgetExceededError } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { ledgerMiddleware } from "./ledger-middleware.js";
import type { MockGenerateOutcome } from "./testing/ai-major.js";
import { aiMajors, recordingLedger } from "./testing/test-ledger.js";

// gpt-5 in the bundled catalog (pricing/catalog.generated.ts; OpenAI's pricing page, checked
// 2026-12-08), nano-USD per token: standard input 1250, output 10000; flex input 625, output
// 5000; priority input 2500, output 20000. At most 128,000 output tokens.

describe.each(aiMajors)("ledgerMiddleware on $name: service tiers", (major) => {
  const gpt5 = (answer: MockGenerateOutcome) =>
    major.languageModel({ provider: "openai.responses", modelId: "gpt-5", generate: () => answer });

  it("prices a call at the tier the provider answered with", async () => {
    const { ledger, nextRecords } = recordingLedger();
    const model = gpt5({
      text: "ok",
      usage: { input: 1000, output: 500 },
      providerMetadata: { openai: { serviceTier: "flex" } },
    });
    await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hi",
      providerOptions: { openai: { serviceTier: "flex" } },
    });
    const [record] = await nextRecords(1);
    // 1000 × 625 + 500 × 5000
    expect(record?.costNanoUsd).toBe(3_125_000);
  });

  it("the answered tier wins over the requested one", async () => {
    const { ledger, nextRecords } = recordingLedger();
    const model = gpt5({
      text: "ok",
      usage: { input: 1000, output: 500 },
      providerMetadata: { openai: { serviceTier: "priority" } },
    });
    await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hi",
      providerOptions: { openai: { serviceTier: "auto" } },
    });
    const [record] = await nextRecords(1);
    // 1000 × 2500 + 500 × 20000
    expect(record?.costNanoUsd).toBe(12_500_000);
  });

  it("holds a flex call at the flex price", async () => {
    // The hold without maxOutputTokens is 128,000 output tokens: $1.28 at the standard price,
    // $0.64 at flex (plus a few input tokens). A $1 budget admits only the flex call.
    const budgets = [{ id: "all", scope: "global", window: "total" as const, limit: { usd: 1 } }];
    const answer = { text: "ok", usage: { input: 10, output: 10 } };
    const standard = recordingLedger({ budgets });
    await expect(
      major.generateText({
        model: gpt5(answer),
        middleware: ledgerMiddleware(standard.ledger),
        prompt: "Hi",
        maxRetries: 0,
      }),
    ).rejects.toSatisfy((error: unknown) => BudgetExceededError.isInstance(error));
    const flex = recordingLedger({ budgets });
    const model = gpt5(answer);
    await major.generateText({
      model,
      middleware: ledgerMiddleware(flex.ledger),
      prompt: "Hi",
      providerOptions: { openai: { serviceTier: "flex" } },
    });
    expect(model.generateCalls).toHaveLength(1);
    const [record] = await flex.nextRecords(1);
    // No answered tier: settled at the requested flex price, 10 × 625 + 10 × 5000.
    expect(record?.costNanoUsd).toBe(56_250);
  });
});
