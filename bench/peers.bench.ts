/**
 * Pricing one call, against the peers that do the same job (P1, P2): ai-sdk-cost-calculator's
 * `calculateCost` and genai-prices' `calcPrice`, same models and usage, in the same rounds. The
 * three must agree on every cost before anything is timed.
 */
import { calcPrice } from "@pydantic/genai-prices";
import { calculateCost as aiSdkCostCalculator } from "ai-sdk-cost-calculator";
import { loadSubjects } from "./lib/load-subjects.js";
import { perCallRows, ratioFigure, runPairedRounds } from "./lib/paired-rounds.js";
import { markdownTable } from "./lib/stats.js";
import type { BenchContext, BenchResult } from "./lib/types.js";

interface Case {
  provider: string;
  model: string;
  inputTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
}

const MODELS = [
  ["openai", "gpt-4o"],
  ["openai", "gpt-4o-mini"],
  ["anthropic", "claude-sonnet-4-5"],
  ["google", "gemini-2.5-flash"],
] as const;

/** 4 models × 8 usages: small and large prompts, with and without cache reads. */
function cases(): Case[] {
  const list: Case[] = [];
  for (const [provider, model] of MODELS) {
    for (let variant = 0; variant < 8; variant++) {
      const inputTokens = 300 + variant * 7_919;
      list.push({
        provider,
        model,
        inputTokens,
        cacheReadTokens: variant % 2 === 0 ? 0 : Math.floor(inputTokens / 2),
        outputTokens: 40 + variant * 173,
      });
    }
  }
  return list;
}

/** The AI SDK (v6+) usage object ai-sdk-cost-calculator reads. */
function aiSdkUsage(call: Case) {
  return {
    inputTokens: call.inputTokens,
    outputTokens: call.outputTokens,
    totalTokens: call.inputTokens + call.outputTokens,
    inputTokenDetails: {
      noCacheTokens: call.inputTokens - call.cacheReadTokens,
      cacheReadTokens: call.cacheReadTokens,
      cacheWriteTokens: 0,
    },
    outputTokenDetails: { textTokens: call.outputTokens, reasoningTokens: 0 },
  };
}

export async function run(context: BenchContext): Promise<BenchResult> {
  const { calculateCost } = await loadSubjects(context);
  const calls = cases();
  const ours = (call: Case): number =>
    calculateCost({
      model: call.model,
      provider: call.provider,
      usage: {
        inputTokens: call.inputTokens,
        cacheReadTokens: call.cacheReadTokens,
        outputTokens: call.outputTokens,
      },
    }).totalUsd;
  const calculator = (call: Case): number =>
    aiSdkCostCalculator({ model: call.model, usage: aiSdkUsage(call) }).totalCost;
  const genaiPrices = (call: Case): number =>
    calcPrice(
      {
        input_tokens: call.inputTokens,
        cache_read_tokens: call.cacheReadTokens,
        output_tokens: call.outputTokens,
      },
      call.model,
      { providerId: call.provider },
    )?.total_price ?? Number.NaN;

  // ai-sdk-cost-calculator rounds its totals to a micro-dollar (6 decimals); the others are exact.
  for (const call of calls) {
    const exact = ours(call);
    const costs = [exact, calculator(call), genaiPrices(call)];
    if (costs.some((cost) => Math.abs(cost - exact) > 5.0001e-7)) {
      throw new Error(`peers disagree on ${call.provider}:${call.model}: ${costs.join(" / ")}`);
    }
  }

  const variant = (name: string, price: (call: Case) => number) => ({
    name,
    batch(count: number) {
      let total = 0;
      for (let index = 0; index < count; index++)
        total += price(calls[index % calls.length] as Case);
      if (!(total > 0)) throw new Error(`${name} priced nothing`);
    },
  });
  const times = await runPairedRounds(
    [
      variant("ours calculateCost", ours),
      variant("ai-sdk-cost-calculator calculateCost", calculator),
      variant("genai-prices calcPrice", genaiPrices),
    ],
    { rounds: context.quick ? 4 : 9, calls: context.quick ? 10_000 : 30_000 },
  );
  return {
    figures: [
      ratioFigure(times, {
        id: "P1",
        name: "price one call: ours calculateCost ÷ ai-sdk-cost-calculator calculateCost",
        variant: "ours calculateCost",
        baseline: "ai-sdk-cost-calculator calculateCost",
        goal: { op: "<=", target: 1 },
      }),
      ratioFigure(times, {
        id: "P2",
        name: "price one call: ours calculateCost ÷ genai-prices calcPrice",
        variant: "ours calculateCost",
        baseline: "genai-prices calcPrice",
        goal: { op: "<=", target: 1 },
      }),
    ],
    tables: [
      markdownTable(
        [
          `price one call, ${calls.length} model × usage cases (median of ${times.rounds} rounds)`,
          "µs/call",
          "× ours",
        ],
        perCallRows(times, "ours calculateCost"),
      ),
    ],
  };
}
