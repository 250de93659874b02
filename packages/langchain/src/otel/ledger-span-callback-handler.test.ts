import { createLedger, type UsageRecord } from "@tokenledger/core";
import { instrumentLedger } from "@tokenledger/core/otel";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "../ledger-callback-handler.js";
import { anthropicModel, openAiModel } from "../test-support/models.js";
import { type OtelHarness, otelHarness } from "../test-support/otel-harness.js";
import { LedgerSpanCallbackHandler } from "./ledger-span-callback-handler.js";

// Catalog prices (genai-prices, as in test-support/models.ts), nano-USD per token:
// gpt-4o: 600 × 2500 + 400 × 1250 + 200 × 10 000 = 4 000 000.
// claude-sonnet-4-5: 50 × 3000 + 30 × 3750 + 20 × 300 + 20 × 15 000 = 568 500.
const openAiNanoUsd = 4_000_000;
const anthropicNanoUsd = 568_500;

let harness: OtelHarness;
beforeEach(() => {
  harness = otelHarness();
});
afterEach(async () => {
  await harness.close();
});

describe("LedgerSpanCallbackHandler", () => {
  it("puts each run's recorded usage and cost on its own span, under the active span", async () => {
    const ledger = createLedger();
    const records: UsageRecord[] = [];
    ledger.on("usage", ({ record }) => records.push(record));
    instrumentLedger(ledger, { meter: harness.meter, budgetContexts: [], spanAttributes: false });
    const callbacks = [
      new LedgerCallbackHandler(ledger),
      new LedgerSpanCallbackHandler(ledger, { tracer: harness.tracer }),
    ];
    await harness.tracer.startActiveSpan("request", async (request) => {
      await openAiModel().invoke("hello", { callbacks });
      await anthropicModel().invoke("hello", { callbacks });
      request.end();
    });

    expect(records.map((record) => record.costNanoUsd)).toEqual([openAiNanoUsd, anthropicNanoUsd]);
    const spans = harness.spans();
    const parent = spans.find((span) => span.name === "request");
    const calls = spans.filter((span) => span.name.startsWith("chat "));
    expect(calls.map((span) => span.parentSpanContext?.spanId)).toEqual([
      parent?.spanContext().spanId,
      parent?.spanContext().spanId,
    ]);
    expect(calls.map((span) => span.attributes)).toEqual([
      expect.objectContaining({
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.input_tokens": 1000,
        "gen_ai.usage.cache_read.input_tokens": 400,
        "gen_ai.usage.output_tokens": 200,
        "gen_ai.usage.cost.amount": 0.004,
        "tokenledger.cost.nano_usd": openAiNanoUsd,
        "tokenledger.record.id": records[0]?.id,
      }),
      expect.objectContaining({
        "gen_ai.usage.input_tokens": 100,
        "gen_ai.usage.cache_read.input_tokens": 20,
        "gen_ai.usage.cache_creation.input_tokens": 30,
        "gen_ai.usage.output_tokens": 20,
        "gen_ai.usage.cost.amount": 0.0005685,
        "tokenledger.cost.nano_usd": anthropicNanoUsd,
        "tokenledger.record.id": records[1]?.id,
      }),
    ]);
    // spanAttributes: false — the ambient span is left alone.
    expect(parent?.attributes).not.toHaveProperty("gen_ai.usage.input_tokens");

    const cost = await harness.points("tokenledger.usage.cost");
    const costUsd = cost.reduce((sum, point) => sum + (point.value as number), 0);
    expect(costUsd).toBeCloseTo(0.0045685, 12);
    const tokens = await harness.points("gen_ai.client.inference.usage.cache_write.input_tokens");
    expect(tokens.map((point) => point.value)).toEqual([30]);
  });

  it("does the same for a streamed run", async () => {
    const ledger = createLedger();
    const callbacks = [
      new LedgerCallbackHandler(ledger),
      new LedgerSpanCallbackHandler(ledger, { tracer: harness.tracer }),
    ];
    const chunks: unknown[] = [];
    for await (const chunk of await openAiModel().stream("hello", { callbacks }))
      chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(1);
    const [span] = harness.spans().filter((candidate) => candidate.name.startsWith("chat "));
    expect(span?.attributes).toMatchObject({
      "gen_ai.usage.input_tokens": 1000,
      "gen_ai.usage.output_tokens": 200,
      "tokenledger.cost.nano_usd": openAiNanoUsd,
    });
  });
});
