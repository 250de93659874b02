import { OpenTelemetry } from "@ai-sdk/otel";
import type { Span } from "@opentelemetry/api";
import type { Histogram } from "@opentelemetry/sdk-metrics";
import { instrumentLedger } from "@tokenledger/core/otel";
import { generateText, streamText, wrapLanguageModel } from "ai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ledgerMiddleware } from "../ledger-middleware.js";
import { aiV7 } from "../testing/ai-v7-major.js";
import { type OtelHarness, otelHarness, pointValue } from "../testing/otel-harness.js";
import { recordingLedger } from "../testing/test-ledger.js";
import { ledgerTelemetry } from "./ledger-telemetry.js";

let harness: OtelHarness;
beforeEach(() => {
  harness = otelHarness();
});
afterEach(async () => {
  await harness.close();
});

/** Stands in for an OpenTelemetry integration: one span per model call, ended at its end event. */
function spanPerModelCall(tracer: OtelHarness["tracer"]) {
  const spans = new Map<string, Span>();
  return {
    executeLanguageModelCall<T>(options: { callId: string; execute: () => PromiseLike<T> }) {
      return tracer.startActiveSpan("ai.languageModelCall", async (span) => {
        spans.set(options.callId, span);
        return await options.execute();
      });
    },
    onLanguageModelCallEnd(event: { callId: string }) {
      spans.get(event.callId)?.end();
    },
  };
}

// Mock prices (testing/test-ledger.ts): acme:big input 2000 and output 8000 nano-USD per token.
describe("ledgerTelemetry (ai@7)", () => {
  it("puts the ledger's usage and cost on the model-call span, generated and streamed", async () => {
    const { ledger, records } = recordingLedger();
    instrumentLedger(ledger, { meter: harness.meter, budgetContexts: [] });
    const integrations = [ledgerTelemetry(), spanPerModelCall(harness.tracer)];
    const generated = aiV7.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "hi", usage: { input: 100, output: 20 } }),
    });
    const streamed = aiV7.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: ["a", "b"], usage: { input: 50, output: 10, cacheRead: 30 } }),
    });
    const middleware = ledgerMiddleware(ledger);
    await generateText({
      model: wrapped(generated.model, middleware),
      prompt: "hello",
      telemetry: { integrations },
    });
    const stream = streamText({
      model: wrapped(streamed.model, middleware),
      prompt: "hello",
      telemetry: { integrations },
    });
    await stream.consumeStream();
    await stream.text;

    // 100 × 2000 + 20 × 8000 = 360,000; 50 × 2000 + 10 × 8000 = 180,000 (no cache price: input rate).
    expect(records.map((record) => record.costNanoUsd)).toEqual([360_000, 180_000]);
    const spans = harness.spans().filter((span) => span.name === "ai.languageModelCall");
    expect(spans.map((span) => span.attributes)).toEqual([
      expect.objectContaining({
        "gen_ai.usage.input_tokens": 100,
        "gen_ai.usage.output_tokens": 20,
        "gen_ai.usage.cost.amount": 0.00036,
        "tokenledger.cost.nano_usd": 360_000,
        "tokenledger.record.id": records[0]?.id,
      }),
      expect.objectContaining({
        "gen_ai.usage.input_tokens": 50,
        "gen_ai.usage.output_tokens": 10,
        "gen_ai.usage.cache_read.input_tokens": 30,
        "gen_ai.usage.cost.amount": 0.00018,
        "tokenledger.cost.nano_usd": 180_000,
        "tokenledger.record.id": records[1]?.id,
      }),
    ]);

    const tokens = await harness.points("gen_ai.client.token.usage");
    const input = pointValue(tokens, { "gen_ai.token.type": "input" }) as Histogram;
    expect(input).toMatchObject({ sum: 150, count: 2 });
    const cost = await harness.points("tokenledger.usage.cost");
    const costUsd = cost.reduce((sum, point) => sum + (point.value as number), 0);
    expect(costUsd).toBeCloseTo(0.00054, 12);
  });

  it("lands on the spans of @ai-sdk/otel's OpenTelemetry integration", async () => {
    const { ledger, records } = recordingLedger();
    instrumentLedger(ledger, { meter: harness.meter, budgetContexts: [] });
    const integrations = [ledgerTelemetry(), new OpenTelemetry({ tracer: harness.tracer })];
    const streamed = aiV7.languageModel({
      provider: "acme",
      modelId: "big",
      stream: () => ({ textDeltas: ["a", "b"], usage: { input: 50, output: 10 } }),
    });
    const stream = streamText({
      model: wrapped(streamed.model, ledgerMiddleware(ledger)),
      prompt: "hello",
      telemetry: { integrations },
    });
    await stream.consumeStream();
    await stream.text;

    expect(records.map((record) => record.costNanoUsd)).toEqual([180_000]);
    const costed = harness
      .spans()
      .filter((span) => span.attributes["tokenledger.cost.nano_usd"] !== undefined);
    expect(costed.map((span) => span.attributes)).toEqual([
      expect.objectContaining({
        "gen_ai.usage.input_tokens": 50,
        "gen_ai.usage.output_tokens": 10,
        "gen_ai.usage.cost.amount": 0.00018,
        "tokenledger.cost.nano_usd": 180_000,
        "tokenledger.record.id": records[0]?.id,
      }),
    ]);
    // The integration's own model-call span (under its step and agent spans).
    expect(costed[0]?.name).toBe("chat big");
  });
});

function wrapped(model: unknown, middleware: ReturnType<typeof ledgerMiddleware>) {
  return wrapLanguageModel({
    model: model as Parameters<typeof wrapLanguageModel>[0]["model"],
    middleware,
  });
}
