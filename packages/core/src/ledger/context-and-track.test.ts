import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { createLedger } from "./create-ledger.js";

// gpt-4o: $2.50 per 1M input, $1.25 per 1M cached input, $10 per 1M output (genai-prices).
describe("withContext and track", () => {
  it("carries context across awaits, per-call keys win", async () => {
    const ledger = createLedger();
    const record = await ledger.withContext({ userId: "u1", feature: "chat" }, async () => {
      await sleep(1);
      return ledger.record({
        model: "gpt-4o",
        usage: { inputTokens: 1_000, outputTokens: 100 },
        context: { feature: "summarize" },
      });
    });
    expect(record.context).toEqual({ userId: "u1", feature: "summarize" });
    expect(ledger.currentContext()).toEqual({});
  });

  it("totals interleaved concurrent scopes apart, like get_openai_callback", async () => {
    const ledger = createLedger();
    const call = async (inputTokens: number, cacheReadTokens: number, outputTokens: number) => {
      await sleep(Math.random() * 5);
      const reservation = await ledger.reserve({
        model: "gpt-4o",
        provider: "openai.chat",
        estimate: { inputTokens, outputTokens },
      });
      await sleep(Math.random() * 5);
      return reservation.settle({ inputTokens, cacheReadTokens, outputTokens });
    };
    const [a, b] = await Promise.all([
      ledger.track(async () => {
        await call(1_000, 0, 100);
        await call(2_000, 1_000, 200);
        return "a";
      }),
      ledger.track(async () => {
        await call(4_000, 0, 10);
        return "b";
      }),
    ]);
    expect(a.result).toBe("a");
    // a: 1,000×2.5 + 100×10 = 3,500 µ$ … in nano-USD: (1,000×2.5 + 100×10)×1,000 = 3,500,000;
    //    (1,000×2.5 + 1,000×1.25 + 200×10)×1,000 = 5,750,000 → 9,250,000
    expect(a.totals).toMatchObject({
      promptTokens: 3_000,
      completionTokens: 300,
      totalTokens: 3_300,
      cachedPromptTokens: 1_000,
      successfulRequests: 2,
      totalCostNanoUsd: 9_250_000,
    });
    expect(a.totals.totalCostUsd).toBeCloseTo(0.00925, 12);
    // b: (4,000×2.5 + 10×10)×1,000 = 10,100,000
    expect(b.totals).toMatchObject({
      promptTokens: 4_000,
      successfulRequests: 1,
      totalCostNanoUsd: 10_100_000,
    });
  });

  it("counts a call in every enclosing track, and embedding tokens apart", async () => {
    const ledger = createLedger();
    const outer = await ledger.track(async () => {
      await ledger.record({ model: "gpt-4o", usage: { inputTokens: 10, outputTokens: 5 } });
      const inner = await ledger.track(() =>
        ledger.record({
          model: "text-embedding-3-small",
          provider: "openai.embedding",
          kind: "embedding",
          usage: { inputTokens: 1_000, outputTokens: 0 },
        }),
      );
      // text-embedding-3-small: $0.02 per 1M → 1,000 × 0.02 × 1,000 = 20,000 nano-USD
      expect(inner.totals).toMatchObject({
        embeddingTokens: 1_000,
        promptTokens: 0,
        totalCostNanoUsd: 20_000,
      });
    });
    // gpt-4o: (10×2.5 + 5×10)×1,000 = 75,000; + 20,000
    expect(outer.totals).toMatchObject({
      embeddingTokens: 1_000,
      promptTokens: 10,
      successfulRequests: 2,
      totalCostNanoUsd: 95_000,
    });
  });
});
