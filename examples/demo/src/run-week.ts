/**
 * Plays the planned week against the app: sets the simulated clock to each call's time, runs
 * the call as its user (`ledger.withContext`), and counts what happened.
 */
import type { Ledger } from "@tokenledger/core";
import type { ModelMessage } from "ai";
import type { AiSdkFeatures } from "./ai-sdk-features.js";
import type { ModelScript } from "./ai-sdk-models.js";
import type { CallOutcome } from "./call-outcome.js";
import { formatSimulatedTime } from "./format.js";
import type { ProgressBar } from "./progress-bar.js";
import { createRandom, type Random } from "./random.js";
import type { PlannedCall } from "./scenario.js";
import type { SimulatedClock } from "./simulated-clock.js";
import type { Summarize } from "./summarize-chain.js";
import {
  agentQuestion,
  answerText,
  chatQuestion,
  documentText,
  TICKET_LABELS,
  ticketText,
} from "./user-texts.js";

/** Counts of what happened to the planned calls. */
export interface WeekStats {
  planned: number;
  ok: number;
  denied: number;
  aborted: number;
  errors: number;
  /** Provider errors the AI SDK retried (the failed attempt's hold was released). */
  providerRetries: number;
  /** Times the batch job waited for the requests-per-minute window to reset. */
  batchWaits: number;
}

export interface RunWeekOptions {
  ledger: Ledger;
  clock: SimulatedClock;
  plan: readonly PlannedCall[];
  features: AiSdkFeatures;
  summarize: Summarize;
  progress: ProgressBar;
}

/** A chat answer of 60 to 220 words (the same seed gives the same answer). */
const chatAnswer = (random: Random): string => answerText(random, random.int(60, 220));

/** Runs one planned call through its feature. */
function runCall(
  call: PlannedCall,
  features: AiSdkFeatures,
  summarize: Summarize,
): Promise<CallOutcome> {
  const content = createRandom(call.contentSeed);
  const answers = createRandom(call.answerSeed);
  const script = (answer: string, reasoningTokens = 0): ModelScript => ({
    answer,
    reasoningTokens,
    toolCalls: [],
    mishap: call.mishap,
  });
  switch (call.feature) {
    case "chat": {
      const thinking = call.user.chatModel === "gemini-2.5-flash" ? answers.int(80, 700) : 0;
      const messages: ModelMessage[] = call.history.flatMap((turn) => [
        { role: "user" as const, content: chatQuestion(createRandom(turn.contentSeed)) },
        { role: "assistant" as const, content: chatAnswer(createRandom(turn.answerSeed)) },
      ]);
      messages.push({ role: "user", content: chatQuestion(content) });
      return features.chat(call.user.chatModel, messages, script(chatAnswer(answers), thinking));
    }
    case "summarize":
      return summarize(documentText(content), answerText(answers, answers.int(90, 180)));
    case "classify":
      return features.classify(ticketText(content), script(answers.pick(TICKET_LABELS)));
    case "agent": {
      const { question, account } = agentQuestion(content);
      const toolCalls = [
        { toolName: "lookupAccount", input: { account } },
        ...(answers.chance(0.6) ? [{ toolName: "recentOrders", input: { account } }] : []),
      ];
      const answer = answerText(answers, answers.int(50, 90));
      return features.agent(question, { ...script(answer, answers.int(300, 1_800)), toolCalls });
    }
  }
}

/** Runs every call of the plan in order and returns the counts. */
export async function runWeek(options: RunWeekOptions): Promise<WeekStats> {
  const { ledger, clock, plan, features, summarize, progress } = options;
  const stats: WeekStats = {
    planned: plan.length,
    ok: 0,
    denied: 0,
    aborted: 0,
    errors: 0,
    providerRetries: 0,
    batchWaits: 0,
  };
  for (const call of plan) {
    clock.set(Math.max(clock.now(), call.atMs));
    const context = { userId: call.user.userId, teamId: call.user.teamId };
    let outcome = await ledger.withContext(context, () => runCall(call, features, summarize));
    // The batch job honours rate limits: it waits until the window resets, then retries.
    while (
      call.batch &&
      outcome.kind === "denied" &&
      outcome.denial.limitKind === "requests" &&
      outcome.denial.resetsAt
    ) {
      stats.batchWaits += 1;
      clock.set(outcome.denial.resetsAt.getTime());
      outcome = await ledger.withContext(context, () => runCall(call, features, summarize));
    }
    if (outcome.kind === "ok") stats.ok += 1;
    else if (outcome.kind === "denied") stats.denied += 1;
    else if (outcome.kind === "aborted") stats.aborted += 1;
    else stats.errors += 1;
    if (call.mishap === "provider-error" && outcome.kind !== "denied") stats.providerRetries += 1;
    progress.tick(formatSimulatedTime(clock.now()));
  }
  return stats;
}
