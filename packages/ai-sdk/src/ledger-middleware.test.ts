import { BudgetExceededError } from "@tokenledger/core";
import { describe, expect, it, vi } from "vitest";
import { ledgerMiddleware } from "./ledger-middleware.js";
import { aiMajors, recordingLedger, totalHeld } from "./testing/test-ledger.js";

// Prices (testing/test-ledger.ts), nano-USD per token: acme:big input 2000, output 8000;
// acme:small input 500, output 1000. claude-sonnet-4-5 from the catalog: input $3/M (3000),
// cache write $3.75/M (3750), cache read $0.30/M (300), output $15/M (15000).

const budget = (usd: number) => ({
  budgets: [{ id: "all", scope: "global", window: "total" as const, limit: { usd } }],
});

describe.each(aiMajors)("ledgerMiddleware on $name: generate", (major) => {
  it("records one priced call with the reported usage and the responded model", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({
        text: "Hi there",
        usage: { input: 100, output: 50 },
        responseModelId: "big-2025-06-01",
      }),
    });
    const result = await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
    });
    expect(result.text).toBe("Hi there");
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: "chat",
      provider: "acme",
      model: "big",
      requestedModel: "big",
      responseModel: "big-2025-06-01",
      status: "ok",
      estimated: false,
      usage: { inputTokens: 100, outputTokens: 50 },
      // 100 × 2000 + 50 × 8000
      costNanoUsd: 600_000,
    });
  });

  it("counts every step of a tool loop as its own call", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: (call) =>
        call.index === 0
          ? {
              toolCall: { toolName: "weather", input: '{"city":"Paris"}' },
              usage: { input: 100, output: 20 },
            }
          : { text: "It is sunny in Paris.", usage: { input: 150, output: 30 } },
    });
    const result = await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Weather in Paris?",
      withTool: true,
    });
    expect(result.steps).toBe(2);
    expect(result.text).toBe("It is sunny in Paris.");
    expect(records.map((record) => record.costNanoUsd)).toEqual([
      100 * 2000 + 20 * 8000, // 360_000
      150 * 2000 + 30 * 8000, // 540_000
    ]);
    expect(records[0]?.metadata).toMatchObject({ finishReason: "tool-calls" });
  });

  it("counts each retry attempt apart and releases the failed ones", async () => {
    const { ledger, records } = recordingLedger(budget(1));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: (call) => {
        if (call.index < 2) throw major.retryableError();
        return { text: "ok", usage: { input: 100, output: 50 } };
      },
    });
    await major.generateText({
      model,
      middleware: ledgerMiddleware(ledger),
      prompt: "Hello",
      maxRetries: 2,
    });
    expect(model.generateCalls).toHaveLength(3);
    expect(records).toHaveLength(1);
    expect(await totalHeld(ledger)).toBe(0);
    const [status] = await ledger.status();
    expect(status?.spent).toBe(600_000);
  });

  it("refuses a call that does not fit the budget without calling the provider or retrying", async () => {
    const { ledger, records } = recordingLedger(budget(0.000001));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "never", usage: { input: 1, output: 1 } }),
    });
    const failure = await major
      .generateText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hello", maxRetries: 3 })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(BudgetExceededError.isInstance(failure)).toBe(true);
    expect(model.generateCalls).toHaveLength(0);
    expect(records).toHaveLength(0);
    expect(await totalHeld(ledger)).toBe(0);
  });

  it("admits exactly the concurrent calls whose holds fit one budget", async () => {
    // Each hold ≈ 1000 output × 8000 = 8_000_000 nano-USD plus a few input tokens × 2000:
    // three fit in 25_000_000, a fourth does not.
    const { ledger, records } = recordingLedger(budget(0.025));
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: async () => {
        await gate;
        return { text: "ok", usage: { input: 10, output: 10 } };
      },
    });
    const middleware = ledgerMiddleware(ledger);
    let denied = 0;
    const calls = Array.from({ length: 5 }, () =>
      major
        .generateText({ model, middleware, prompt: "Hello", maxOutputTokens: 1000 })
        .catch((error: unknown) => {
          if (BudgetExceededError.isInstance(error)) denied++;
          else throw error;
        }),
    );
    await vi.waitFor(() => expect(model.generateCalls.length + denied).toBe(5));
    openGate();
    await Promise.all(calls);
    expect(model.generateCalls).toHaveLength(3);
    expect(denied).toBe(2);
    expect(records).toHaveLength(3);
    expect(await totalHeld(ledger)).toBe(0);
  });

  it("routes to the fallback model when the requested model's hold does not fit", async () => {
    // big hold ≈ 1000 × 8000 = 8_000_000 > 5_000_000; small hold ≈ 1000 × 1000 = 1_000_000 fits.
    const { ledger, records } = recordingLedger(budget(0.005));
    const big = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "expensive", usage: { input: 100, output: 50 } }),
    });
    const small = major.languageModel({
      provider: "acme",
      modelId: "small",
      generate: () => ({ text: "cheap", usage: { input: 100, output: 50 } }),
    });
    const result = await major.generateText({
      model: big,
      middleware: ledgerMiddleware(ledger, { fallbackModel: small.model }),
      prompt: "Hello",
      maxOutputTokens: 1000,
    });
    expect(result.text).toBe("cheap");
    expect(big.generateCalls).toHaveLength(0);
    expect(small.generateCalls).toHaveLength(1);
    expect(records[0]).toMatchObject({
      model: "small",
      requestedModel: "big",
      fallbackFrom: "big",
      // 100 × 500 + 50 × 1000
      costNanoUsd: 100_000,
    });
  });

  it("takes context from withContext, options and providerOptions, and strips its key", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "ok", usage: { input: 10, output: 10 } }),
    });
    const middleware = ledgerMiddleware(ledger, {
      context: { feature: "chat", userId: "u-default" },
    });
    await ledger.withContext({ teamId: "t-1", userId: "u-scope" }, () =>
      major.generateText({
        model,
        middleware,
        prompt: "Hello",
        providerOptions: { tokenledger: { userId: "u-42" }, acme: { region: "eu" } },
      }),
    );
    expect(records[0]?.context).toEqual({ teamId: "t-1", feature: "chat", userId: "u-42" });
    expect(model.generateCalls[0]?.providerOptions).toEqual({ acme: { region: "eu" } });
  });

  it("prices Anthropic usage with cache reads and writes by the catalog", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "anthropic.messages",
      modelId: "claude-sonnet-4-5",
      generate: () => ({
        text: "cached answer",
        // 6000 input = 1000 uncached + 2000 cache writes + 3000 cache reads.
        usage: { input: 6000, cacheWrite: 2000, cacheRead: 3000, output: 500, anthropic: true },
      }),
    });
    await major.generateText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hello" });
    expect(records[0]?.usage).toMatchObject({
      inputTokens: 6000,
      cacheReadTokens: 3000,
      cacheWriteTokens: 2000,
      outputTokens: 500,
    });
    // 1000 × 3000 + 2000 × 3750 + 3000 × 300 + 500 × 15000
    // = 3_000_000 + 7_500_000 + 900_000 + 7_500_000
    expect(records[0]?.costNanoUsd).toBe(18_900_000);
  });

  it("settles from the output text, marked estimated, when the provider reports no usage", async () => {
    const { ledger, records } = recordingLedger();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "an answer without counts" }),
    });
    await major.generateText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hello" });
    expect(records[0]).toMatchObject({ estimated: true, status: "ok" });
    expect(records[0]?.usage.inputTokens).toBe(records[0]?.reservedInputTokens);
    expect(records[0]?.usage.outputTokens).toBe(
      await ledger.countTokens("an answer without counts", { model: "big", provider: "acme" }),
    );
    expect(records[0]?.usage.outputTokens).toBeGreaterThan(0);
  });

  it("settles a generate aborted after sending as an estimated input-only record", async () => {
    const { ledger, records } = recordingLedger(budget(1));
    const controller = new AbortController();
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => {
        // The caller aborts while the request is in flight; fetch rejects like this.
        controller.abort();
        throw new DOMException("This operation was aborted", "AbortError");
      },
    });
    const failure = await major
      .generateText({
        model,
        middleware: ledgerMiddleware(ledger),
        prompt: "Hello",
        abortSignal: controller.signal,
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(failure).toBeDefined();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      status: "aborted",
      estimated: true,
      metadata: { endReason: "aborted-before-response" },
    });
    expect(records[0]?.usage.outputTokens).toBe(0);
    expect(records[0]?.usage.inputTokens).toBe(records[0]?.reservedInputTokens);
    expect(await totalHeld(ledger)).toBe(0);
  });

  it("releases the hold of a call the provider rejected", async () => {
    const { ledger, records } = recordingLedger(budget(1));
    const model = major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => {
        throw new Error("400 Bad Request");
      },
    });
    await expect(
      major.generateText({ model, middleware: ledgerMiddleware(ledger), prompt: "Hello" }),
    ).rejects.toThrow(/400/);
    expect(records).toHaveLength(0);
    expect(await totalHeld(ledger)).toBe(0);
    const [status] = await ledger.status();
    expect(status?.spent).toBe(0);
  });
});
