/**
 * LangChain handler overhead (L1): `model.invoke(messages, config)` on a fake chat model with
 * and without `LedgerCallbackHandler` in `callbacks`, every variant in the same rounds.
 */
import { BaseCallbackHandler } from "@langchain/core/callbacks/base";
import { type BaseMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import { SYSTEM_PROMPT, userMessages } from "./lib/chat-prompts.js";
import { countPromptText } from "./lib/count-prompt-text.js";
import { FakeOpenAIChatModel } from "./lib/fake-chat-model.js";
import { forgetPromptCounts } from "./lib/forget-prompt-counts.js";
import { loadSubjects } from "./lib/load-subjects.js";
import { perCallRows, ratioFigure, runPairedRounds, type Variant } from "./lib/paired-rounds.js";
import { markdownTable } from "./lib/stats.js";
import type { BenchContext, BenchResult } from "./lib/types.js";

const USERS = 100;

/** A handler that does nothing: what LangChain's callback machinery costs by itself. */
class NoopHandler extends BaseCallbackHandler {
  name = "noop";
  constructor() {
    super({ _awaitHandler: true });
  }
}

/**
 * A handler that only counts the prompt when the model run starts, awaited as a handler that
 * refuses calls must be, with the ledger's own cached counting: the least any budget checked
 * before the call costs (the floor of L1).
 */
class PromptCountingHandler extends BaseCallbackHandler {
  name = "prompt-counting";
  constructor(private readonly count: (text: string) => number) {
    super({ _awaitHandler: true });
  }

  override async handleChatModelStart(_llm: unknown, messages: BaseMessage[][]): Promise<void> {
    for (const prompt of messages) countPromptText(prompt, this.count);
  }
}

export async function run(context: BenchContext): Promise<BenchResult> {
  const subjects = await loadSubjects(context);
  const { LedgerCallbackHandler, createLedger, countTextTokens } = subjects;
  const tokenizer = await subjects.gptTokenizer("o200k_base");
  const count = (text: string) => countTextTokens(text, tokenizer);
  const model = new FakeOpenAIChatModel({});
  const prompts = userMessages(context.rootDir).map((text) => [
    new SystemMessage(SYSTEM_PROMPT),
    new HumanMessage(text),
  ]);

  /** `handler` builds a fresh one (and ledger) per batch, so every round starts equal. */
  const variant = (name: string, handler?: () => BaseCallbackHandler): Variant => ({
    name,
    async batch(calls) {
      await forgetPromptCounts(subjects);
      const callbacks = handler === undefined ? [] : [handler()];
      for (let index = 0; index < calls; index++) {
        await model.invoke(prompts[index % prompts.length] as (HumanMessage | SystemMessage)[], {
          callbacks,
          metadata: { userId: `user-${index % USERS}` },
        });
      }
    },
  });
  const times = await runPairedRounds(
    [
      variant("no handler"),
      variant("no handler (noise control)"),
      variant("no-op handler", () => new NoopHandler()),
      variant("no-op handler counting the prompt", () => new PromptCountingHandler(count)),
      variant("LedgerCallbackHandler, no budgets", () => new LedgerCallbackHandler(createLedger())),
      variant(
        "LedgerCallbackHandler, per-user budget",
        () =>
          new LedgerCallbackHandler(
            createLedger({
              budgets: [
                { id: "per-user-daily", scope: "userId", window: "day", limit: { usd: 1_000_000 } },
              ],
            }),
          ),
      ),
    ],
    { rounds: context.quick ? 4 : 9, calls: context.quick ? 200 : 500 },
  );
  return {
    figures: [
      ratioFigure(times, {
        id: "L1",
        name: "model.invoke with LedgerCallbackHandler, per-user budget (estimate, reserve, settle) ÷ no handler",
        variant: "LedgerCallbackHandler, per-user budget",
        baseline: "no handler",
        goal: { op: "<=", target: 1.2 },
      }),
      ratioFigure(times, {
        id: "L1b",
        name: "model.invoke with LedgerCallbackHandler, no budgets ÷ no handler",
        variant: "LedgerCallbackHandler, no budgets",
        baseline: "no handler",
      }),
      ratioFigure(times, {
        id: "L1f",
        name: "floor of L1: a handler that only counts the prompt before the call (what any pre-call budget check costs) ÷ no handler",
        variant: "no-op handler counting the prompt",
        baseline: "no handler",
      }),
      ratioFigure(times, {
        id: "L0",
        name: "noise control: no handler ÷ no handler (resolution of L1)",
        variant: "no handler (noise control)",
        baseline: "no handler",
      }),
    ],
    tables: [
      markdownTable(
        [
          `fake chat model invoke (median of ${times.rounds} rounds × ${times.calls} calls)`,
          "µs/call",
          "× no handler",
        ],
        perCallRows(times, "no handler"),
      ),
    ],
  };
}
