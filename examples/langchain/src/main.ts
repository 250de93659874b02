/**
 * tokenledger + LangChain.js: every model call of a chain and of an agent priced exactly,
 * attributed to a user, and held to a per-user budget — the agent ends gracefully when its
 * user's budget is spent.
 *
 * Offline by default (a scripted model that reports usage like ChatOpenAI). With
 * OPENAI_API_KEY set, the same code runs against ChatOpenAI (gpt-4o-mini).
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { type BaseMessage, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { tool } from "@langchain/core/tools";
import { createLedger, type Totals } from "@tokenledger/core";
import { LedgerCallbackHandler, ledgerMetadata, trackLangChain } from "@tokenledger/langchain";
import { ledgerAgentMiddleware } from "@tokenledger/langchain/agent";
import { createAgent } from "langchain";
import { z } from "zod";
import { OfflineChatModel, type ScriptedTurn } from "./offline-chat-model.js";

const online = Boolean(process.env.OPENAI_API_KEY);

/** ChatOpenAI when a key is set, else the offline stand-in answering from `script`. */
async function chatModel(
  script: (messages: BaseMessage[]) => ScriptedTurn,
): Promise<BaseChatModel> {
  if (online) {
    const { ChatOpenAI } = await import("@langchain/openai");
    return new ChatOpenAI({ model: "gpt-4o-mini", maxTokens: 300 });
  }
  return new OfflineChatModel({
    model: "gpt-4o-mini",
    responseModel: "gpt-4o-mini-2024-07-18",
    script,
  });
}

const usd = (nanoUsd: number): string => `$${(nanoUsd / 1e9).toFixed(6)}`;
const show = (totals: Totals): string =>
  `${totals.successfulRequests} calls, ${totals.promptTokens} prompt + ${totals.completionTokens} completion tokens (${totals.cachedPromptTokens} cached), ${usd(totals.totalCostNanoUsd)}`;

// One ledger for the whole app: prices from the embedded catalog, a $0.0004/day budget per user.
const ledger = createLedger({
  budgets: [{ id: "per-user-daily", scope: "userId", window: "day", limit: { usd: 0.0004 } }],
});

console.log(`tokenledger + LangChain.js (${online ? "ChatOpenAI, live" : "offline model"})\n`);

// ─── 1. A chain, tracked like Python's `with get_openai_callback() as cb:` ───────────────
const writer = await chatModel(
  () => "Fika is the Swedish coffee break: coffee, a cinnamon bun and a pause with colleagues.",
);
const chain = ChatPromptTemplate.fromMessages([
  ["system", "You explain Scandinavian customs in one sentence."],
  ["human", "What is {custom}?"],
])
  .pipe(writer)
  .pipe(new StringOutputParser());

const { result, totals } = await trackLangChain(ledger, () =>
  chain.invoke({ custom: "fika" }, { metadata: { userId: "alice" } }),
);
console.log("1) chain inside trackLangChain (no callbacks passed)");
console.log(`   answer: ${result}`);
console.log(`   ${show(totals)}\n`);

// ─── 2. The same chain with a handler passed in callbacks ────────────────────────────────
const handler = new LedgerCallbackHandler(ledger, { context: { feature: "customs-faq" } });
for (const custom of ["fika", "allemansrätten"]) {
  await chain.invoke({ custom }, { callbacks: [handler], metadata: { userId: "alice" } });
}
console.log("2) handler in callbacks, context { feature } + metadata { userId }");
console.log(`   handler.totals: ${show(handler.totals)}\n`);

// ─── 2b. The cost of one call, read from the message it returned ─────────────────────────
const message = await writer.invoke([new HumanMessage("What is fika?")], {
  callbacks: [handler],
  metadata: { userId: "alice" },
});
const cost = ledgerMetadata(message); // response_metadata.tokenledger
console.log("2b) the message's response_metadata.tokenledger (no event, no totals)");
console.log(`   ${cost?.costUsd} USD (${cost?.costNanoUsd} nano-USD), record ${cost?.recordId}\n`);

// ─── 3. An agent whose tool calls another model, with the budget middleware ──────────────
const summarizer = await chatModel(() => "Light rain in the morning, 14 °C, clearing later.");
const forecast = tool(
  async ({ city }) => {
    // A model call inside a tool: the handler books it, the middleware cannot see it.
    const summary = await summarizer.invoke(
      `Summarize tomorrow's forecast for ${city} in 10 words.`,
    );
    return summary.text;
  },
  {
    name: "forecast",
    description: "Tomorrow's weather for a city",
    schema: z.object({ city: z.string() }),
  },
);
const agentModel = await chatModel((messages) =>
  messages.at(-1) instanceof ToolMessage
    ? `Tomorrow: ${messages.at(-1)?.text} Bring an umbrella in the morning.`
    : {
        toolCalls: [
          {
            name: "forecast",
            args: { city: "Stockholm" },
            id: `call_${messages.length}`,
            type: "tool_call",
          },
        ],
      },
);
const agent = createAgent({
  model: agentModel,
  tools: [forecast],
  systemPrompt: "You answer weather questions using the forecast tool.",
  middleware: [ledgerAgentMiddleware(ledger)],
});

console.log("3) agent with ledgerAgentMiddleware, user bob, until bob's $0.0004/day is spent");
const agentHandler = new LedgerCallbackHandler(ledger);
for (let turn = 1; turn <= 6; turn++) {
  const state = await agent.invoke(
    { messages: [new HumanMessage("Will it rain in Stockholm tomorrow?")] },
    { callbacks: [agentHandler], metadata: { userId: "bob" } },
  );
  const [status] = await ledger.status({ userId: "bob" });
  console.log(
    `   run ${turn}: "${state.messages.at(-1)?.text.slice(0, 90)}…"\n          bob spent ${usd(status?.spent ?? 0)} of ${usd(status?.limit ?? 0)}`,
  );
  if (state.messages.at(-1)?.text.startsWith("Budget exhausted")) break;
}
console.log(`   agent handler: ${show(agentHandler.totals)}\n`);

// ─── 4. What the ledger recorded, per user ───────────────────────────────────────────────
console.log("4) ledger.report({ groupBy: ['userId'] })");
console.log(await ledger.report({ groupBy: ["userId"] }));
await ledger.close();
