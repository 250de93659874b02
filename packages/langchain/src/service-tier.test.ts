import { HumanMessage } from "@langchain/core/messages";
import { BudgetExceededError, createLedger, type UsageRecord } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { openAiModel } from "./test-support/models.js";

// gpt-5 in the bundled catalog (pricing/catalog.generated.ts; OpenAI's pricing page, checked
// 2026-12-08), nano-USD per token: flex input 625, cache read 62.5, output 5000; priority
// input 2500, cache read 250, output 20000; standard output 10000. The call: 1000 input tokens
// (400 cached), 200 output (test-support/models.ts).
const question = [new HumanMessage("What is the capital of France?")];

function run(overrides: Parameters<typeof openAiModel>[0], budgetUsd?: number) {
  const ledger = createLedger(
    budgetUsd === undefined
      ? {}
      : { budgets: [{ id: "all", scope: "global", window: "total", limit: { usd: budgetUsd } }] },
  );
  const records: UsageRecord[] = [];
  ledger.on("usage", ({ record }) => records.push(record));
  const model = openAiModel({ model: "gpt-5", responseModel: "gpt-5-2025-08-07", ...overrides });
  const invoked = model.invoke(question, { callbacks: [new LedgerCallbackHandler(ledger)] });
  return { invoked, records };
}

describe("LedgerCallbackHandler: service tiers", () => {
  it("prices a call at the tier asked for in invocation_params.service_tier", async () => {
    const { invoked, records } = run({ serviceTier: "flex" });
    await invoked;
    // 600 × 625 + 400 × 62.5 + 200 × 5000
    expect(records[0]?.costNanoUsd).toBe(1_400_000);
  });

  it("the tier in response_metadata.service_tier wins over the one asked for", async () => {
    const { invoked, records } = run({ serviceTier: "auto", answeredServiceTier: "priority" });
    await invoked;
    // 600 × 2500 + 400 × 250 + 200 × 20000
    expect(records[0]?.costNanoUsd).toBe(5_600_000);
  });

  it("holds a flex call at the flex price", async () => {
    // 20,000 output tokens held: $0.20 standard, $0.10 flex (input adds under $0.0001).
    const standard = run({ maxTokens: 20_000 }, 0.15);
    await expect(standard.invoked).rejects.toSatisfy((error: unknown) =>
      BudgetExceededError.isInstance(error),
    );
    const flex = run({ maxTokens: 20_000, serviceTier: "flex" }, 0.15);
    await flex.invoked;
    expect(flex.records).toHaveLength(1);
  });
});
