import type { Histogram } from "@opentelemetry/sdk-metrics";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BudgetExceededError } from "../errors/budget-exceeded-error.js";
import { createLedger } from "../ledger/create-ledger.js";
import { otelHarness, pointValue } from "./__fixtures__/otel-harness.js";
import { instrumentLedger } from "./instrument-ledger.js";

// Test prices (USD per 1M tokens): input $2, cache read $0.50, output $8 → nano-USD per token:
// input 2000, cache read 500, output 8000.
const prices = { "acme:chat": { inputMtok: 2, cacheReadMtok: 0.5, outputMtok: 8 } };

let harness: ReturnType<typeof otelHarness>;
beforeEach(() => {
  harness = otelHarness();
});
afterEach(async () => {
  await harness.close();
});

function ledgerWithBudgets() {
  return createLedger({
    prices,
    budgets: [
      { id: "monthly", scope: "global", window: "month", limit: { usd: 1 } },
      { id: "per-user", scope: "userId", window: "day", limit: { requests: 1 } },
    ],
  });
}

describe("instrumentLedger", () => {
  it("records tokens, parts and cost per call with allow-listed context attributes", async () => {
    const ledger = ledgerWithBudgets();
    const instrumentation = instrumentLedger(ledger, { meter: harness.meter });
    // 600 uncached × 2000 + 400 cached × 500 + 300 output × 8000 = 3,800,000 nano-USD.
    const first = await ledger.record({
      model: "acme:chat",
      usage: { inputTokens: 1000, cacheReadTokens: 400, outputTokens: 300, reasoningTokens: 100 },
      context: { userId: "u1", feature: "chat" },
    });
    // 500 × 2000 + 100 × 8000 = 1,800,000 nano-USD.
    const second = await ledger.record({
      model: "acme:chat",
      usage: { inputTokens: 500, outputTokens: 100 },
      context: { userId: "u2", feature: "search" },
    });
    expect([first.costNanoUsd, second.costNanoUsd]).toEqual([3_800_000, 1_800_000]);

    const histogram = await harness.points("gen_ai.client.token.usage");
    const chatInput = pointValue(histogram, {
      "gen_ai.token.type": "input",
      "tokenledger.context.feature": "chat",
    }) as Histogram;
    expect(chatInput).toMatchObject({ sum: 1000, count: 1 });
    expect(
      pointValue(histogram, {
        "gen_ai.token.type": "output",
        "tokenledger.context.feature": "search",
      }),
    ).toMatchObject({ sum: 100, count: 1 });
    for (const point of histogram) {
      expect(point.attributes).toMatchObject({
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "acme",
        "gen_ai.request.model": "acme:chat",
      });
      expect(point.attributes).not.toHaveProperty("tokenledger.context.userId");
    }

    const cacheRead = await harness.points("gen_ai.client.inference.usage.cache_read.input_tokens");
    expect(cacheRead.map((point) => point.value)).toEqual([400]);
    const reasoning = await harness.points("gen_ai.client.inference.usage.reasoning.output_tokens");
    expect(reasoning.map((point) => point.value)).toEqual([100]);
    const input = await harness.points("gen_ai.client.inference.usage.input_tokens");
    expect(input.reduce((sum, point) => sum + (point.value as number), 0)).toBe(1500);

    const cost = await harness.points("tokenledger.usage.cost");
    expect(pointValue(cost, { "tokenledger.context.feature": "chat" })).toBeCloseTo(0.0038, 12);
    expect(pointValue(cost, { "tokenledger.context.feature": "search" })).toBeCloseTo(0.0018, 12);
    instrumentation.close();
  });

  it("reports budgets as gauges and refusals as a counter", async () => {
    const ledger = ledgerWithBudgets();
    instrumentLedger(ledger, {
      meter: harness.meter,
      contextAttributes: ["feature", "userId"],
      budgetContexts: [{}, { userId: "u1" }],
    });
    await ledger.record({
      model: "acme:chat",
      usage: { inputTokens: 500, outputTokens: 100 }, // 1,800,000 nano-USD
      context: { userId: "u1", feature: "chat" },
    });
    const refused = ledger.reserve({
      model: "acme:chat",
      estimate: { inputTokens: 10, outputTokens: 10 },
      context: { userId: "u1", feature: "chat" },
    });
    await expect(refused).rejects.toSatisfy(BudgetExceededError.isInstance);

    const refusals = await harness.points("tokenledger.budget.refusals");
    expect(refusals).toHaveLength(1);
    expect(refusals[0]?.value).toBe(1);
    expect(refusals[0]?.attributes).toMatchObject({
      "tokenledger.budget.rule_id": "per-user",
      "tokenledger.budget.limit_kind": "requests",
      "tokenledger.context.userId": "u1",
    });

    const limit = await harness.points("tokenledger.budget.limit");
    const spent = await harness.points("tokenledger.budget.spent");
    const held = await harness.points("tokenledger.budget.held");
    // The global bucket is seen from both contexts and reported once.
    expect(limit).toHaveLength(2);
    expect(pointValue(limit, { "tokenledger.budget.rule_id": "monthly" })).toBe(1);
    expect(pointValue(spent, { "tokenledger.budget.rule_id": "monthly" })).toBeCloseTo(0.0018, 12);
    expect(pointValue(limit, { "tokenledger.budget.rule_id": "per-user" })).toBe(1);
    expect(pointValue(spent, { "tokenledger.budget.rule_id": "per-user" })).toBe(1);
    expect(pointValue(held, { "tokenledger.budget.rule_id": "per-user" })).toBe(0);
    expect(
      limit.find((p) => p.attributes["tokenledger.budget.rule_id"] === "per-user")?.attributes,
    ).toMatchObject({
      "tokenledger.budget.scope": "userId",
      "tokenledger.budget.scope_value": "u1",
    });
  });

  it("sets usage and cost on the span active when the call settles", async () => {
    const ledger = ledgerWithBudgets();
    instrumentLedger(ledger, { meter: harness.meter, budgetContexts: [] });
    await harness.tracer.startActiveSpan("model call", async (span) => {
      await ledger.record({
        model: "acme:chat",
        usage: { inputTokens: 1000, cacheReadTokens: 400, outputTokens: 300, reasoningTokens: 100 },
      });
      span.end();
    });
    const [span] = harness.spans();
    expect(span?.attributes).toMatchObject({
      "gen_ai.usage.input_tokens": 1000,
      "gen_ai.usage.output_tokens": 300,
      "gen_ai.usage.cache_read.input_tokens": 400,
      "gen_ai.usage.reasoning.output_tokens": 100,
      "gen_ai.usage.cost.amount": 0.0038,
      "gen_ai.usage.cost.currency": "USD",
      "gen_ai.usage.cost.source": "local",
      "tokenledger.cost.nano_usd": 3_800_000,
      "tokenledger.priced": true,
      "tokenledger.estimated": false,
    });
    expect(span?.attributes).not.toHaveProperty("gen_ai.usage.cache_creation.input_tokens");
  });

  it("counts unpriced calls apart and adds no cost for them", async () => {
    const ledger = createLedger({ prices, unknownModel: "record" });
    instrumentLedger(ledger, { meter: harness.meter, budgetContexts: [] });
    await ledger.record({ model: "acme:mystery", usage: { inputTokens: 5, outputTokens: 5 } });
    expect(await harness.points("tokenledger.usage.cost")).toEqual([]);
    const unpriced = await harness.points("tokenledger.usage.unpriced_calls");
    expect(unpriced.map((point) => point.value)).toEqual([1]);
  });

  it("stops reporting after close() and rejects a bad allow-list with the fix", async () => {
    const ledger = createLedger({ prices });
    const instrumentation = instrumentLedger(ledger, { meter: harness.meter });
    instrumentation.close();
    await ledger.record({ model: "acme:chat", usage: { inputTokens: 5, outputTokens: 5 } });
    expect(await harness.points("gen_ai.client.token.usage")).toEqual([]);
    expect(() =>
      instrumentLedger(ledger, { contextAttributes: ["feature", ""] as string[] }),
    ).toThrow(/contextAttributes must be a list of context keys/);
  });
});
