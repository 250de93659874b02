/**
 * Three features of the simulated app, written the way an app uses the Vercel AI SDK: each
 * model is wrapped once per call with `ledgerMiddleware`, and the caller's user and team come
 * from `ledger.withContext` around the request (see run-week.ts).
 */
import { ledgerMiddleware } from "@tokenledger/ai-sdk";
import type { Ledger } from "@tokenledger/core";
import {
  generateText,
  jsonSchema,
  type ModelMessage,
  stepCountIs,
  streamText,
  tool,
  wrapLanguageModel,
} from "ai";
import { accountRecords } from "./account-records.js";
import { type AiSdkModelName, type ModelScript, simulatedModel } from "./ai-sdk-models.js";
import { type CallOutcome, outcomeOfFailure } from "./call-outcome.js";
import type { ProviderSimulation } from "./provider-simulation.js";
import { AGENT_PROMPT, CLASSIFIER_PROMPT, supportHandbookPrompt } from "./system-prompts.js";

/** The AI SDK features: support chat (streamed), ticket classifier, research agent. */
export interface AiSdkFeatures {
  chat(model: AiSdkModelName, messages: ModelMessage[], script: ModelScript): Promise<CallOutcome>;
  classify(ticket: string, script: ModelScript): Promise<CallOutcome>;
  agent(question: string, script: ModelScript): Promise<CallOutcome>;
}

/** Words a user reads before leaving an answer mid-stream. */
const WORDS_BEFORE_ABANDON = 12;

export function createAiSdkFeatures(ledger: Ledger, simulation: ProviderSimulation): AiSdkFeatures {
  const middleware = {
    chat: ledgerMiddleware(ledger, { context: { feature: "chat" } }),
    classify: ledgerMiddleware(ledger, { context: { feature: "classify" } }),
    agent: ledgerMiddleware(ledger, { context: { feature: "agent" } }),
  };
  const model = (feature: keyof typeof middleware, name: AiSdkModelName, script: ModelScript) =>
    wrapLanguageModel({
      model: simulatedModel(name, script, simulation),
      middleware: middleware[feature],
    });

  return {
    async chat(name, messages, script) {
      const controller = new AbortController();
      const result = streamText({
        model: model("chat", name, script),
        system: supportHandbookPrompt(),
        messages,
        maxOutputTokens: 800,
        abortSignal: controller.signal,
        onError: () => {}, // failures arrive as `error` parts below
      });
      let words = 0;
      let failure: unknown;
      try {
        for await (const part of result.fullStream) {
          if (part.type === "error") failure ??= part.error;
          if (part.type === "abort") return { kind: "aborted" };
          if (
            part.type === "text-delta" &&
            script.mishap === "abandon" &&
            ++words === WORDS_BEFORE_ABANDON
          ) {
            controller.abort(); // the user closed the tab
          }
        }
      } catch (error) {
        failure ??= error;
      }
      return failure === undefined ? { kind: "ok" } : outcomeOfFailure(failure);
    },

    async classify(ticket, script) {
      try {
        await generateText({
          model: model("classify", "gpt-4o", script),
          system: CLASSIFIER_PROMPT,
          prompt: ticket,
          maxOutputTokens: 8_000, // far above the one-word answers: the ledger holds it all
        });
        return { kind: "ok" };
      } catch (error) {
        return outcomeOfFailure(error);
      }
    },

    async agent(question, script) {
      const lookup = (description: string) =>
        tool({
          description,
          inputSchema: jsonSchema<{ account: string }>({
            type: "object",
            properties: { account: { type: "string" } },
            required: ["account"],
          }),
          execute: async ({ account }) => accountRecords(account),
        });
      try {
        await generateText({
          model: model("agent", "o4-mini", script),
          system: AGENT_PROMPT,
          prompt: question,
          tools: {
            lookupAccount: lookup("Look up an account"),
            recentOrders: lookup("Recent orders"),
          },
          stopWhen: stepCountIs(6),
          maxOutputTokens: 4_000,
        });
        return { kind: "ok" };
      } catch (error) {
        return outcomeOfFailure(error);
      }
    },
  };
}
