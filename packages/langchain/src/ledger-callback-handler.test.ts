import type { Serialized } from "@langchain/core/load/serializable";
import { AIMessage, HumanMessage } from "@langchain/core/messages";
import type { ChatGeneration } from "@langchain/core/outputs";
import { BudgetExceededError, createLedger, type UsageRecord } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import type { RunEndEvent } from "./run-bookkeeper.js";
import {
  anthropicCallNanoUsd,
  anthropicModel,
  openAiCallNanoUsd,
  openAiModel,
} from "./test-support/models.js";

const question = [new HumanMessage("What is the capital of France?")];

function recordsOf(ledger: ReturnType<typeof createLedger>): UsageRecord[] {
  const records: UsageRecord[] = [];
  ledger.on("usage", ({ record }) => records.push(record));
  return records;
}

describe("LedgerCallbackHandler", () => {
  it("books an OpenAI-style call before invoke resolves, cached tokens at the cache price", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const records = recordsOf(ledger);

    await openAiModel().invoke(question, { callbacks: [handler] });

    // Read synchronously right after invoke resolved: the handler is awaited.
    expect(handler.totals).toEqual({
      totalTokens: 1200,
      promptTokens: 1000,
      completionTokens: 200,
      cachedPromptTokens: 400,
      reasoningTokens: 0,
      embeddingTokens: 0,
      successfulRequests: 1,
      failedRequests: 0,
      unpricedRequests: 0,
      totalCostNanoUsd: 4_000_000, // (600 × 2.50 + 400 × 1.25 + 200 × 10) USD/1M
      totalCostUsd: 0.004,
    });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      requestedModel: "gpt-4o",
      responseModel: "gpt-4o-2024-08-06",
      provider: "openai",
      estimated: false,
      status: "ok",
      reservedOutputTokens: 256, // ls_max_tokens
    });
  });

  it("prices Anthropic cache writes and reads apart", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger);

    await anthropicModel().invoke(question, { callbacks: [handler] });

    // input 100 = 50 uncached + 30 cache write + 20 cache read; output 20
    expect(handler.totals.totalCostNanoUsd).toBe(50 * 3000 + 30 * 3750 + 20 * 300 + 20 * 15_000);
    expect(handler.totals.totalCostNanoUsd).toBe(anthropicCallNanoUsd);
    expect(handler.totals).toMatchObject({
      promptTokens: 100,
      completionTokens: 20,
      cachedPromptTokens: 20,
    });
  });

  it("counts a stream once, from its usage chunk", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger);

    const chunks: string[] = [];
    for await (const chunk of await openAiModel().stream(question, { callbacks: [handler] })) {
      chunks.push(chunk.text);
    }

    expect(chunks.join("")).toBe("Paris is the capital of France.");
    expect(handler.totals).toMatchObject({
      successfulRequests: 1,
      promptTokens: 1000,
      completionTokens: 200,
      totalCostNanoUsd: openAiCallNanoUsd,
    });
    expect(handler.openRuns).toBe(0);
  });

  it("undoes the Anthropic stream over-count (message_start's output token)", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const model = anthropicModel();

    const stream = await model.stream(question, { callbacks: [handler] });
    let last: Awaited<ReturnType<typeof model.invoke>> | undefined;
    for await (const chunk of stream) last = last ? last.concat(chunk) : chunk;

    // LangChain itself sums the two usage chunks: 1 + 20.
    expect(last?.usage_metadata?.output_tokens).toBe(21);
    // The handler books what invoke books: 20 output tokens.
    expect(handler.totals.completionTokens).toBe(20);
    expect(handler.totals.totalCostNanoUsd).toBe(anthropicCallNanoUsd);
  });

  it("books each input of a batch as its own call", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const model = openAiModel();

    await model.batch([question, question, question], { callbacks: [handler] });

    expect(model.providerCalls).toBe(3);
    expect(handler.totals.successfulRequests).toBe(3);
    expect(handler.totals.totalTokens).toBe(3 * 1200);
    expect(handler.totals.totalCostNanoUsd).toBe(3 * 4_000_000);
  });

  it("reads usage once per prompt when n > 1 copies it onto every choice", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const model = openAiModel({ choices: 3 });

    const result = await model.generate([question], { callbacks: [handler] });

    expect(result.generations[0]).toHaveLength(3);
    expect(handler.totals.successfulRequests).toBe(1);
    expect(handler.totals.promptTokens).toBe(1000); // not 3 × 1000
    expect(handler.totals.totalCostNanoUsd).toBe(4_000_000);
  });

  it("refuses a call that does not fit before the provider is called", async () => {
    const ledger = createLedger({
      budgets: [{ id: "tiny", scope: "global", window: "total", limit: { usd: 0.000_001 } }],
    });
    const handler = new LedgerCallbackHandler(ledger);
    const model = openAiModel();

    const error = await model
      .invoke(question, { callbacks: [handler] })
      .catch((caught: unknown) => caught);

    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(model.providerCalls).toBe(0);
    expect(handler.totals.successfulRequests).toBe(0);
    expect(handler.openRuns).toBe(0);
    const [status] = await ledger.status({});
    expect(status?.held).toBe(0);
    expect(status?.spent).toBe(0);
  });

  it("refuses the next call once the spend of earlier calls fills the budget", async () => {
    // One call costs 4 000 000 nano-USD; the hold of a call is larger (worst-case output).
    const ledger = createLedger({
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.01 } }],
    });
    const handler = new LedgerCallbackHandler(ledger);
    const model = openAiModel();
    const config = { callbacks: [handler], metadata: { userId: "u-1" } };

    await model.invoke(question, config);
    await model.invoke(question, config);
    const third = await model.invoke(question, config).catch((caught: unknown) => caught);

    expect(BudgetExceededError.isInstance(third)).toBe(true);
    expect(model.providerCalls).toBe(2);
    const [status] = await ledger.status({ userId: "u-1" });
    expect(status).toMatchObject({ spent: 2 * 4_000_000, held: 0 });
    // Another user is unaffected.
    await model.invoke(question, { callbacks: [handler], metadata: { userId: "u-2" } });
    expect(model.providerCalls).toBe(3);
  });

  it("releases the hold when the provider fails", async () => {
    const ledger = createLedger({
      budgets: [{ id: "all", scope: "global", window: "day", limit: { usd: 10 } }],
    });
    const handler = new LedgerCallbackHandler(ledger);
    const model = openAiModel({ error: new Error("upstream 500") });

    await expect(model.invoke(question, { callbacks: [handler] })).rejects.toThrow("upstream 500");

    expect(handler.openRuns).toBe(0);
    expect(handler.totals.successfulRequests).toBe(0);
    const [status] = await ledger.status({});
    expect(status).toMatchObject({ held: 0, spent: 0 });
  });

  it("takes context from options and from run metadata, LangChain's own keys left out", async () => {
    const ledger = createLedger();
    const records = recordsOf(ledger);
    const handler = new LedgerCallbackHandler(ledger, {
      context: { feature: "faq", userId: "default" },
    });

    await openAiModel().invoke(question, {
      callbacks: [handler],
      metadata: { userId: "u-7", plan: "pro", attempt: 2 },
    });

    expect(records[0]?.context).toEqual({ feature: "faq", userId: "u-7", plan: "pro" });
  });

  it("gives each instance its own name and returns itself from copy()", () => {
    const ledger = createLedger();
    const first = new LedgerCallbackHandler(ledger);
    const second = new LedgerCallbackHandler(ledger);
    expect(first.name).not.toBe(second.name);
    expect(first.copy()).toBe(first);
    expect(first.awaitHandlers).toBe(true);
    expect(first.raiseError).toBe(true);
  });
});

describe("LedgerCallbackHandler internals LangChain gets wrong", () => {
  it("reads handleChainStart's parent in the runtime order and in the declared order", async () => {
    const ledger = createLedger();
    const ended: RunEndEvent[] = [];
    const handler = new LedgerCallbackHandler(ledger, { onRunEnd: (event) => ended.push(event) });
    const chainId = "0192a0b0-0000-7000-8000-000000000001";
    const stepId = "0192a0b0-0000-7000-8000-000000000002";
    const innerId = "0192a0b0-0000-7000-8000-000000000003";
    const modelRunId = "0192a0b0-0000-7000-8000-000000000004";
    const chain = (): Serialized => ({ lc: 1, type: "not_implemented", id: ["RunnableSequence"] });

    // Runtime order: (chain, inputs, runId, parentRunId, tags, metadata, runType, runName)
    handler.handleChainStart(chain(), {}, chainId, undefined, [], {}, undefined, "outer");
    handler.handleChainStart(chain(), {}, stepId, chainId, [], {}, "prompt", "step");
    // Declared order: (chain, inputs, runId, runType, tags, metadata, runName, parentRunId)
    handler.handleChainStart(chain(), {}, innerId, "chain", [], {}, "inner", stepId);
    await handler.handleChatModelStart(chain(), [question], modelRunId, innerId, {}, [], {
      ls_provider: "openai",
      ls_model_name: "gpt-4o",
    });
    const generation: ChatGeneration = {
      text: "Paris",
      message: new AIMessage({
        content: "Paris",
        usage_metadata: { input_tokens: 1000, output_tokens: 200, total_tokens: 1200 },
      }),
    };
    await handler.handleLLMEnd({ generations: [[generation]] }, modelRunId);
    await handler.handleChainEnd({}, chainId);

    // 1000 × 2500 + 200 × 10 000 nano-USD, booked on the outermost run.
    expect(ended).toEqual([
      expect.objectContaining({
        runId: chainId,
        runName: "outer",
        totals: expect.objectContaining({ totalCostNanoUsd: 4_500_000 }),
      }),
    ]);
  });

  it("throws settle failures to the caller by default, or hands them to onSettleError", async () => {
    const ledger = createLedger();
    const failingLedger: typeof ledger = {
      ...ledger,
      reserve: async (request) => {
        const reservation = await ledger.reserve(request);
        return {
          id: reservation.id,
          model: reservation.model,
          provider: reservation.provider,
          fallbackFrom: reservation.fallbackFrom,
          context: reservation.context,
          estimate: reservation.estimate,
          holdsOutput: reservation.holdsOutput,
          settle: () => Promise.reject(new Error("store down at settle")),
          release: (reason) => reservation.release(reason),
          settleFromText: (text, meta) => reservation.settleFromText(text, meta),
        };
      },
    };

    await expect(
      openAiModel().invoke(question, { callbacks: [new LedgerCallbackHandler(failingLedger)] }),
    ).rejects.toThrow("store down at settle");

    const seen: unknown[] = [];
    const handler = new LedgerCallbackHandler(failingLedger, {
      onSettleError: (error) => seen.push(error),
    });
    const answer = await openAiModel().invoke(question, { callbacks: [handler] });
    expect(answer.text).toBe("Paris is the capital of France.");
    expect(seen).toHaveLength(1);
    expect(handler.openRuns).toBe(0);
  });
});
