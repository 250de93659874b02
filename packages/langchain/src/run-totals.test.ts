import { randomUUID } from "node:crypto";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { RunnableLambda, RunnableSequence } from "@langchain/core/runnables";
import { createLedger } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import type { RunEndEvent } from "./run-bookkeeper.js";
import { anthropicModel, openAiModel } from "./test-support/models.js";

const openAiNanoUsd = 600 * 2500 + 400 * 1250 + 200 * 10_000; // gpt-4o, nano-USD per token × tokens
const anthropicNanoUsd = 50 * 3000 + 30 * 3750 + 20 * 300 + 20 * 15_000; // claude-sonnet-4-5

describe("per top-level run totals", () => {
  it("adds up every step of a 3-step RunnableSequence, nested model calls included", async () => {
    const ledger = createLedger();
    const ended: RunEndEvent[] = [];
    const handler = new LedgerCallbackHandler(ledger, { onRunEnd: (event) => ended.push(event) });
    const reviewer = anthropicModel();
    const sequence = RunnableSequence.from([
      ChatPromptTemplate.fromMessages([["human", "Tell me about {topic}"]]),
      openAiModel(),
      // A step that calls another model without passing config: LangChain's async context
      // still attaches the handler and parents the run under this step.
      RunnableLambda.from(async (message: { text: string }) => {
        const review = await reviewer.invoke(`Review: ${message.text}`);
        return new StringOutputParser().invoke(review);
      }),
    ]);
    const runId = randomUUID();

    await sequence.invoke({ topic: "Paris" }, { callbacks: [handler], runId });

    const expected = {
      successfulRequests: 2,
      promptTokens: 1000 + 100,
      completionTokens: 200 + 20,
      totalCostNanoUsd: openAiNanoUsd + anthropicNanoUsd, // 4 000 000 + 568 500
    };
    expect(handler.totals).toMatchObject(expected);
    expect(handler.runTotals(runId)).toMatchObject(expected);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ runId, status: "ok", totals: expected });
  });

  it("counts two concurrent top-level runs apart on one handler", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const twoOpenAiCalls = RunnableLambda.from(async (input: string) => {
      const model = openAiModel();
      await model.invoke(input);
      return (await model.invoke(input)).text;
    });
    const oneAnthropicCall = RunnableLambda.from(
      async (input: string) => (await anthropicModel().invoke(input)).text,
    );
    const first = randomUUID();
    const second = randomUUID();

    await Promise.all([
      twoOpenAiCalls.invoke("a", { callbacks: [handler], runId: first }),
      oneAnthropicCall.invoke("b", { callbacks: [handler], runId: second }),
    ]);

    expect(handler.runTotals(first)).toMatchObject({
      successfulRequests: 2,
      totalCostNanoUsd: 2 * openAiNanoUsd,
    });
    expect(handler.runTotals(second)).toMatchObject({
      successfulRequests: 1,
      totalCostNanoUsd: anthropicNanoUsd,
    });
    expect(handler.totals.totalCostNanoUsd).toBe(2 * openAiNanoUsd + anthropicNanoUsd);
  });

  it("treats a bare model call as its own top-level run", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const runId = randomUUID();

    await openAiModel().invoke("hi", { callbacks: [handler], runId });

    expect(handler.runTotals(runId)?.totalCostNanoUsd).toBe(openAiNanoUsd);
  });

  it("keeps only the last finishedRunsToKeep finished runs", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger, { finishedRunsToKeep: 1 });
    const model = openAiModel();
    const first = randomUUID();
    const second = randomUUID();

    await model.invoke("a", { callbacks: [handler], runId: first });
    await model.invoke("b", { callbacks: [handler], runId: second });

    expect(handler.runTotals(first)).toBeUndefined();
    expect(handler.runTotals(second)?.successfulRequests).toBe(1);
  });
});
