/**
 * AI SDK middleware overhead (M1–M3): `generateText` / `streamText` on ai@7's
 * `MockLanguageModelV4` with and without `ledgerMiddleware`, every variant in the same rounds.
 * The mock answers at once, so these ratios are upper bounds of what a real provider call sees.
 */
import { generateText, type LanguageModelMiddleware, streamText, wrapLanguageModel } from "ai";
import { type MockLanguageModelV4, simulateReadableStream } from "ai/test";
import { forgetCalls, generateMock, streamMock, streamParts } from "./lib/ai-sdk-mocks.js";
import { SYSTEM_PROMPT, userMessages } from "./lib/chat-prompts.js";
import { countPromptText } from "./lib/count-prompt-text.js";
import { forgetPromptCounts } from "./lib/forget-prompt-counts.js";
import { loadSubjects, type Subjects } from "./lib/load-subjects.js";
import {
  perCallRows,
  type RoundTimes,
  ratioFigure,
  runPairedRounds,
  type Variant,
} from "./lib/paired-rounds.js";
import { markdownTable } from "./lib/stats.js";
import type { BenchContext, BenchResult, Figure } from "./lib/types.js";

const USERS = 100;

/** A middleware that only awaits: the floor of any middleware. */
const noopMiddleware: LanguageModelMiddleware = {
  specificationVersion: "v3",
  wrapGenerate: async ({ doGenerate }) => doGenerate(),
  wrapStream: async ({ doStream }) => doStream(),
};

/**
 * A no-op middleware that counts the prompt before the call, with the ledger's own cached
 * counting: the least any budget checked before the call costs (the floor of M2).
 */
function countingMiddleware(count: (text: string) => number): LanguageModelMiddleware {
  return {
    specificationVersion: "v3",
    wrapGenerate: async ({ doGenerate, params }) => {
      countPromptText(params.prompt, count);
      return doGenerate();
    },
    wrapStream: async ({ doStream, params }) => {
      countPromptText(params.prompt, count);
      return doStream();
    },
  };
}

/** A per-user daily budget far above what the run spends: every call is estimated, held and settled. */
const userBudget = [
  { id: "per-user-daily", scope: "userId", window: "day", limit: { usd: 1_000_000 } },
] as const;

type Call = (model: Parameters<typeof generateText>[0]["model"], index: number) => Promise<void>;

/**
 * A variant running `calls` sequential calls. `middleware` builds a fresh one per batch (a fresh
 * ledger: same store size in every round), and prompt token counts are forgotten so prompts are
 * counted, not looked up (`forgetPromptCounts`).
 */
function variant(
  subjects: Subjects,
  name: string,
  mock: MockLanguageModelV4,
  call: Call,
  middleware?: () => LanguageModelMiddleware,
): Variant {
  return {
    name,
    async batch(calls) {
      forgetCalls(mock);
      await forgetPromptCounts(subjects);
      const model =
        middleware === undefined
          ? mock
          : wrapLanguageModel({ model: mock, middleware: middleware() });
      for (let index = 0; index < calls; index++) await call(model, index);
    },
  };
}

async function variants(
  subjects: Subjects,
  mock: MockLanguageModelV4,
  call: Call,
): Promise<Variant[]> {
  const { createLedger, ledgerMiddleware, countTextTokens } = subjects;
  const tokenizer = await subjects.gptTokenizer("o200k_base");
  const count = (text: string) => countTextTokens(text, tokenizer);
  return [
    variant(subjects, "bare", mock, call),
    variant(subjects, "bare (noise control)", mock, call),
    variant(subjects, "no-op middleware", mock, call, () => noopMiddleware),
    variant(subjects, "no-op middleware counting the prompt", mock, call, () =>
      countingMiddleware(count),
    ),
    variant(subjects, "ledger, no budgets", mock, call, () => ledgerMiddleware(createLedger())),
    variant(subjects, "ledger, per-user budget", mock, call, () =>
      ledgerMiddleware(createLedger({ budgets: [...userBudget] })),
    ),
  ];
}

const TAP_DELTAS = 2_000;

/**
 * The middleware's `wrapStream` called directly (no AI SDK around it) on a stream of 2,000 text
 * deltas, against a no-op `wrapStream` with and without a pass-through `TransformStream` (the
 * least any tap costs: web streams pay a few µs per chunk): with the SDK's ~45 µs per delta out
 * of the way, what is left is our work per chunk, which must stay constant (no per-chunk
 * tokenizing; reserve and settle are amortized over the 2,000 deltas).
 */
async function streamTapTimes(subjects: Subjects, quick: boolean): Promise<RoundTimes> {
  const model = streamMock(0);
  const parts = streamParts(TAP_DELTAS);
  const doStream = async () => ({
    stream: simulateReadableStream({ chunks: parts, initialDelayInMs: null, chunkDelayInMs: null }),
  });
  const read = async (stream: ReadableStream<unknown>): Promise<void> => {
    const reader = stream.getReader();
    while (!(await reader.read()).done) {
      // drain
    }
  };
  const params = () => ({
    prompt: [
      { role: "user" as const, content: [{ type: "text" as const, text: "Count to 2000." }] },
    ],
    providerOptions: { tokenledger: { userId: "user-1" } },
  });
  const noopWrapStream = noopMiddleware.wrapStream as NonNullable<
    LanguageModelMiddleware["wrapStream"]
  >;
  return runPairedRounds(
    [
      {
        name: "no-op middleware",
        async batch(calls) {
          for (let index = 0; index < calls; index++) {
            const result = await noopWrapStream({ doStream, params: params(), model } as never);
            await read(result.stream as ReadableStream<unknown>);
          }
        },
      },
      {
        name: "no-op middleware + pass-through TransformStream",
        async batch(calls) {
          for (let index = 0; index < calls; index++) {
            const result = await noopWrapStream({ doStream, params: params(), model } as never);
            const stream = (result.stream as ReadableStream<unknown>).pipeThrough(
              new TransformStream(),
            );
            await read(stream);
          }
        },
      },
      {
        name: "ledger, per-user budget",
        async batch(calls) {
          const middleware = subjects.ledgerMiddleware(
            subjects.createLedger({ budgets: [...userBudget] }),
          );
          for (let index = 0; index < calls; index++) {
            const transformed = await middleware.transformParams({
              type: "stream",
              params: params(),
              model,
            });
            const result = await middleware.wrapStream({ doStream, params: transformed, model });
            await read(result.stream as ReadableStream<unknown>);
          }
        },
      },
    ],
    { rounds: quick ? 4 : 9, calls: quick ? 10 : 30 },
  );
}

function table(title: string, times: RoundTimes): string {
  return markdownTable(
    [`${title} (median of ${times.rounds} rounds × ${times.calls} calls)`, "µs/call", "× bare"],
    perCallRows(times, "bare"),
  );
}

export async function run(context: BenchContext): Promise<BenchResult> {
  const subjects = await loadSubjects(context);
  const messages = userMessages(context.rootDir);
  const providerOptions = (index: number) => ({
    tokenledger: { userId: `user-${index % USERS}` },
  });

  context.log("generateText rounds…");
  const generate = generateMock();
  const generateCall: Call = async (model, index) => {
    await generateText({
      model,
      system: SYSTEM_PROMPT,
      prompt: messages[index % messages.length] as string,
      maxRetries: 0,
      providerOptions: providerOptions(index),
    });
  };
  const generateTimes = await runPairedRounds(await variants(subjects, generate, generateCall), {
    rounds: context.quick ? 4 : 11,
    calls: context.quick ? 500 : 1500,
  });

  context.log("streamText rounds…");
  const deltas = 50;
  const stream = streamMock(deltas);
  const streamCall: Call = async (model, index) => {
    const result = streamText({
      model,
      system: SYSTEM_PROMPT,
      prompt: messages[index % messages.length] as string,
      maxRetries: 0,
      providerOptions: providerOptions(index),
    });
    for await (const _ of result.textStream) {
      // read every delta, as a UI would
    }
  };
  const streamTimes = await runPairedRounds(await variants(subjects, stream, streamCall), {
    // A stream call is ~4 ms, so one round of batches spans seconds of this shared machine's
    // load swings (per-round ratios 0.8–1.4): more rounds for a steadier median.
    rounds: context.quick ? 4 : 21,
    calls: context.quick ? 40 : 120,
  });

  context.log("stream tap, 2,000 deltas per call…");
  const tap = await streamTapTimes(subjects, context.quick);

  const figures: Figure[] = [
    ratioFigure(generateTimes, {
      id: "M1",
      name: "generateText through ledgerMiddleware, no budgets ÷ bare",
      variant: "ledger, no budgets",
      baseline: "bare",
      goal: { op: "<=", target: 1.05 },
    }),
    ratioFigure(generateTimes, {
      id: "M2",
      name: "generateText through ledgerMiddleware, per-user budget (estimate ~370 chars, reserve, settle) ÷ bare",
      variant: "ledger, per-user budget",
      baseline: "bare",
      goal: { op: "<=", target: 1.4 },
    }),
    ratioFigure(generateTimes, {
      id: "M2f",
      name: "floor of M2: a no-op middleware that only counts the prompt before the call (what any pre-call budget check costs) ÷ bare",
      variant: "no-op middleware counting the prompt",
      baseline: "bare",
    }),
    ratioFigure(generateTimes, {
      id: "M0",
      name: "noise control: bare generateText ÷ bare (resolution of M1/M2)",
      variant: "bare (noise control)",
      baseline: "bare",
    }),
    ratioFigure(streamTimes, {
      id: "M3",
      name: `streamText, ${deltas} deltas, ledgerMiddleware with per-user budget ÷ no-op middleware`,
      variant: "ledger, per-user budget",
      baseline: "no-op middleware",
      goal: { op: "<=", target: 1.05 },
    }),
    ratioFigure(tap, {
      id: "M3b",
      name: `per-chunk work: ledgerMiddleware wrapStream ÷ no-op wrapStream + pass-through TransformStream, ${TAP_DELTAS.toLocaleString("en")} deltas per call`,
      variant: "ledger, per-user budget",
      baseline: "no-op middleware + pass-through TransformStream",
      goal: { op: "<=", target: 1.25 },
    }),
  ];
  return {
    figures,
    tables: [
      table("generateText", generateTimes),
      table(`streamText, ${deltas} deltas`, streamTimes),
      markdownTable(
        [
          `wrapStream alone, ${TAP_DELTAS} deltas (median of ${tap.rounds} rounds × ${tap.calls} calls)`,
          "µs/call",
          "× no-op",
        ],
        perCallRows(tap, "no-op middleware"),
      ),
    ],
  };
}
