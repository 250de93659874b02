import { AIMessage, HumanMessage } from "@langchain/core/messages";
import { fakeModel } from "@langchain/core/testing";
import { tool } from "@langchain/core/tools";
import { BudgetExceededError, createLedger } from "@tokenledger/core";
import { createAgent } from "langchain";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ledgerAgentMiddleware } from "./agent-middleware.js";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { openAiModel } from "./test-support/models.js";

// fakeModel() names no model: the handler prices it as gpt-4o-mini (input $0.15/M, output $0.60/M).
const asGpt4oMini = { defaultModel: "gpt-4o-mini", defaultProvider: "openai" };

function toolCallTurn(usage: { input: number; output: number }): AIMessage {
  return new AIMessage({
    content: "",
    tool_calls: [{ name: "lookup", args: { city: "Paris" }, id: "call_1", type: "tool_call" }],
    usage_metadata: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  });
}

function answerTurn(usage: { input: number; output: number }): AIMessage {
  return new AIMessage({
    content: "Paris has about two million inhabitants.",
    usage_metadata: {
      input_tokens: usage.input,
      output_tokens: usage.output,
      total_tokens: usage.input + usage.output,
    },
  });
}

const lookupWithoutModel = tool(async ({ city }) => `${city}: 2.1 million people`, {
  name: "lookup",
  description: "Look up a city",
  schema: z.object({ city: z.string() }),
});

const ask = { messages: [new HumanMessage("How many people live in Paris?")] };

function lastText(result: { messages: { text: string }[] }): string | undefined {
  return result.messages.at(-1)?.text;
}

describe("agents", () => {
  it("books the agent's model calls and the model call inside a tool", async () => {
    const ledger = createLedger();
    const handler = new LedgerCallbackHandler(ledger, asGpt4oMini);
    const innerModel = openAiModel();
    const lookup = tool(
      async ({ city }) => (await innerModel.invoke(`Population of ${city}?`)).text,
      {
        name: "lookup",
        description: "Look up a city",
        schema: z.object({ city: z.string() }),
      },
    );
    const agentModel = fakeModel()
      .respond(toolCallTurn({ input: 500, output: 50 }))
      .respond(answerTurn({ input: 700, output: 30 }));
    const agent = createAgent({ model: agentModel, tools: [lookup] });

    await agent.invoke(ask, { callbacks: [handler] });

    expect(agentModel.callCount).toBe(2);
    expect(innerModel.providerCalls).toBe(1);
    expect(handler.totals).toMatchObject({
      successfulRequests: 3,
      promptTokens: 500 + 700 + 1000,
      completionTokens: 50 + 30 + 200,
      // gpt-4o-mini: 500 × 150 + 50 × 600 = 105 000; 700 × 150 + 30 × 600 = 123 000 (nano-USD)
      // gpt-4o in the tool: 600 × 2500 + 400 × 1250 + 200 × 10 000 = 4 000 000
      totalCostNanoUsd: 105_000 + 123_000 + 4_000_000,
    });
    expect(handler.openRuns).toBe(0);
  });

  it("a refused call reaches the caller of agent.invoke as BudgetExceededError", async () => {
    const ledger = createLedger({
      budgets: [{ id: "tiny", scope: "global", window: "day", limit: { usd: 0.000_001 } }],
    });
    const agentModel = fakeModel().respond(answerTurn({ input: 10, output: 10 }));
    const agent = createAgent({ model: agentModel, tools: [lookupWithoutModel] });

    const error = await agent
      .invoke(ask, { callbacks: [new LedgerCallbackHandler(ledger, asGpt4oMini)] })
      .catch((caught: unknown) => caught);

    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(agentModel.callCount).toBe(0);
  });
});

describe("ledgerAgentMiddleware", () => {
  it("ends the agent with jumpTo end when the budget of its context is already spent", async () => {
    const ledger = createLedger({
      budgets: [{ id: "per-user", scope: "userId", window: "day", limit: { usd: 0.001 } }],
    });
    // 1000 gpt-4o input tokens × $2.50/M = $0.0025, over the $0.001 limit.
    await ledger.record({
      model: "gpt-4o",
      provider: "openai",
      usage: { inputTokens: 1000, outputTokens: 0 },
      context: { userId: "u-1" },
    });
    const agentModel = fakeModel().respond(answerTurn({ input: 10, output: 10 }));
    const agent = createAgent({
      model: agentModel,
      tools: [lookupWithoutModel],
      middleware: [ledgerAgentMiddleware(ledger)],
    });

    const result = await agent.invoke(ask, { metadata: { userId: "u-1" } });

    expect(agentModel.callCount).toBe(0);
    expect(lastText(result)).toMatch(/^Budget exhausted: "per-user" for userId=u-1/);
    // Another user still gets an answer.
    const other = await agent.invoke(ask, { metadata: { userId: "u-2" } });
    expect(lastText(other)).toBe("Paris has about two million inhabitants.");
  });

  it("stops before the next model call once the run's own spend used up the budget", async () => {
    const ledger = createLedger({
      budgets: [{ id: "per-user", scope: "userId", window: "day", limit: { usd: 0.1 } }],
    });
    const handler = new LedgerCallbackHandler(ledger, asGpt4oMini);
    // The first turn reports 1 000 000 input tokens: 1e6 × $0.15/M = $0.15 > $0.10.
    const agentModel = fakeModel()
      .respond(toolCallTurn({ input: 1_000_000, output: 50 }))
      .respond(answerTurn({ input: 10, output: 10 }));
    const agent = createAgent({
      model: agentModel,
      tools: [lookupWithoutModel],
      middleware: [ledgerAgentMiddleware(ledger)],
    });

    const result = await agent.invoke(ask, { callbacks: [handler], metadata: { userId: "u-1" } });

    expect(agentModel.callCount).toBe(1);
    expect(lastText(result)).toMatch(/^Budget exhausted/);
    // 1 000 000 × 150 + 50 × 600 nano-USD
    expect(handler.totals.totalCostNanoUsd).toBe(150_000_000 + 30_000);
  });

  it("turns the handler's refusal of a call into a graceful end", async () => {
    const ledger = createLedger({
      budgets: [{ id: "tiny", scope: "global", window: "day", limit: { usd: 0.000_001 } }],
    });
    const agentModel = fakeModel().respond(answerTurn({ input: 10, output: 10 }));
    const agent = createAgent({
      model: agentModel,
      tools: [lookupWithoutModel],
      middleware: [ledgerAgentMiddleware(ledger)],
    });

    const result = await agent.invoke(ask, {
      callbacks: [new LedgerCallbackHandler(ledger, asGpt4oMini)],
    });

    expect(agentModel.callCount).toBe(0);
    expect(lastText(result)).toMatch(/^Budget exhausted: Budget "tiny"/);
  });

  it("lets the refusal through with endOnRefusal: false", async () => {
    const ledger = createLedger({
      budgets: [{ id: "tiny", scope: "global", window: "day", limit: { usd: 0.000_001 } }],
    });
    const agent = createAgent({
      model: fakeModel().respond(answerTurn({ input: 10, output: 10 })),
      tools: [lookupWithoutModel],
      middleware: [ledgerAgentMiddleware(ledger, { endOnRefusal: false })],
    });

    const error = await agent
      .invoke(ask, { callbacks: [new LedgerCallbackHandler(ledger, asGpt4oMini)] })
      .catch((caught: unknown) => caught);

    expect(BudgetExceededError.isInstance(error)).toBe(true);
  });
});
