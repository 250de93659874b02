/**
 * The summarize feature, written the way an app uses LangChain.js: a `prompt | model | parser`
 * chain with tokenledger's `LedgerCallbackHandler` in `callbacks`. The user and team come from
 * `ledger.withContext` around the request, the feature from the handler's context.
 */
import { StringOutputParser } from "@langchain/core/output_parsers";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import type { Ledger } from "@tokenledger/core";
import { LedgerCallbackHandler } from "@tokenledger/langchain";
import { type CallOutcome, outcomeOfFailure } from "./call-outcome.js";
import { SimulatedChatAnthropic } from "./langchain-model.js";
import type { ProviderSimulation } from "./provider-simulation.js";
import { summarizerPolicyPrompt } from "./system-prompts.js";

/** Summarizes a document; `answer` is what the simulated model will reply. */
export type Summarize = (document: string, answer: string) => Promise<CallOutcome>;

export function createSummarizeChain(ledger: Ledger, simulation: ProviderSimulation): Summarize {
  let nextAnswer = "";
  const model = new SimulatedChatAnthropic({
    model: "claude-sonnet-4-5",
    responseModel: "claude-sonnet-4-5-20250929",
    maxTokens: 1_024,
    simulation,
    nextAnswer: () => nextAnswer,
  });
  // The long policy is sent as is on every call: no `cache_control`, so Anthropic never caches it.
  const chain = ChatPromptTemplate.fromMessages([
    ["system", summarizerPolicyPrompt()],
    ["human", "Summarize this document:\n\n{document}"],
  ])
    .pipe(model)
    .pipe(new StringOutputParser());
  const handler = new LedgerCallbackHandler(ledger, { context: { feature: "summarize" } });

  return async (document, answer) => {
    nextAnswer = answer;
    try {
      await chain.invoke({ document }, { callbacks: [handler] });
      return { kind: "ok" };
    } catch (error) {
      return outcomeOfFailure(error);
    }
  };
}
