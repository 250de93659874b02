import { BudgetExceededError, createLedger, type UsageRecord } from "@tokenledger/core";
import { generateText, wrapLanguageModel } from "ai";
import { MockLanguageModelV4 } from "ai/test";
import { ledgerMiddleware } from "../ledger-middleware.js";

/** What one run of {@link runBudgetScenario} saw, as plain JSON (it crosses runtimes). */
export interface BudgetScenarioResult {
  firstText: string;
  records: Pick<UsageRecord, "model" | "usage" | "costNanoUsd" | "status">[];
  secondError: { name: string; isBudgetExceeded: boolean } | null;
  providerCalls: number;
  handedToWaitUntil: number;
}

/**
 * The AI SDK middleware with a budget, as an app on an edge runtime runs it: a $0.001 total
 * budget, a mock model answering 100 input + 50 output tokens at $2/$8 per 1M, each call held
 * at 100 output tokens. The first call holds under $0.001 and costs 600,000 nano-USD; the second
 * needs 600,000 spent + its hold > 1,000,000, so it is refused before the model is called.
 * Bundled for each runtime by the runtime tests (nothing here may need Node).
 */
export async function runBudgetScenario(): Promise<BudgetScenarioResult> {
  const ledger = createLedger({
    prices: { "acme:big": { inputMtok: 2, outputMtok: 8 } },
    budgets: [{ id: "all", scope: "global", window: "total", limit: { usd: 0.001 } }],
  });
  const records: BudgetScenarioResult["records"] = [];
  ledger.on("usage", ({ record }) => {
    const { model, usage, costNanoUsd, status } = record;
    records.push({ model, usage, costNanoUsd, status });
  });
  let providerCalls = 0;
  const pending: Promise<unknown>[] = [];
  const model = wrapLanguageModel({
    model: new MockLanguageModelV4({
      provider: "acme",
      modelId: "big",
      doGenerate: async () => {
        providerCalls++;
        return {
          content: [{ type: "text", text: "Hi there" }],
          finishReason: { unified: "stop", raw: "stop" },
          usage: {
            inputTokens: { total: 100, noCache: 100, cacheRead: 0, cacheWrite: 0 },
            outputTokens: { total: 50, text: 50, reasoning: 0 },
          },
          warnings: [],
        };
      },
    }),
    middleware: ledgerMiddleware(ledger, { waitUntil: (promise) => pending.push(promise) }),
  });

  const first = await generateText({ model, prompt: "Hello", maxOutputTokens: 100 });
  await Promise.all(pending);
  let secondError: BudgetScenarioResult["secondError"] = null;
  try {
    await generateText({ model, prompt: "Hello again", maxOutputTokens: 100, maxRetries: 0 });
  } catch (error) {
    secondError = {
      name: error instanceof Error ? error.name : String(error),
      isBudgetExceeded: BudgetExceededError.isInstance(error),
    };
  }
  await Promise.all(pending);
  return {
    firstText: first.text,
    records,
    secondError,
    providerCalls,
    handedToWaitUntil: pending.length,
  };
}
