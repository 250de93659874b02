/**
 * The end-of-run summary on stdout: what was spent (by model, user, feature, day), what the
 * budgets refused and announced, the insights with the dollars they would save, and where
 * the HTML report is.
 */
import type { Ledger } from "@tokenledger/core";
import { budgetSummary } from "./budget-summary.js";
import type { EventLog } from "./event-log.js";
import { formatCompact, formatCount, formatNanoUsd, formatPercent, wrapText } from "./format.js";
import { insightSummary } from "./insight-summary.js";
import type { WeekStats } from "./run-week.js";
import { spendTables } from "./spend-tables.js";

export interface SummaryInput {
  ledger: Ledger;
  stats: WeekStats;
  events: EventLog;
  teams: readonly string[];
  title: string;
  reportPath: string;
  /** How to query the persisted ledger again, when it is persisted. */
  reportHint: string | undefined;
  /** Lines of the live calls (OPENAI_API_KEY set), or empty. */
  liveLines: readonly string[];
  elapsedMs: number;
}

/** Prints the summary. */
export async function printSummary(input: SummaryInput): Promise<void> {
  const { ledger, stats } = input;
  const [total] = await ledger.report();
  const totalNanoUsd = total?.costNanoUsd ?? 0;
  const sections: string[] = [];

  const plural = (count: number, one: string, many: string): string =>
    `${formatCount(count)} ${count === 1 ? one : many}`;
  const outcomes = [
    plural(stats.ok, "answered", "answered"),
    plural(stats.denied, "refused by a budget", "refused by a budget"),
    plural(stats.aborted, "stream abandoned by its user", "streams abandoned by their users"),
    plural(stats.errors, "stream cut by the network", "streams cut by the network"),
    plural(stats.providerRetries, "provider error retried", "provider errors retried"),
  ];
  if (stats.batchWaits > 0) {
    const waits = plural(stats.batchWaits, "time", "times");
    outcomes.push(`the batch job waited ${waits} for the per-minute limit to reset`);
  }
  const cachedShare = (total?.cacheReadTokens ?? 0) / Math.max(1, total?.inputTokens ?? 0);
  const requests = `${formatCount(stats.planned)} app requests: ${outcomes.join(", ")}.`;
  sections.push(
    `${input.title}\n\n` +
      `Spent ${formatNanoUsd(totalNanoUsd)} on ${formatCount(total?.requests ?? 0)} model calls ` +
      "(each provider call counts: agent steps and retries too)\n" +
      `  ${formatCompact(total?.inputTokens ?? 0)} input tokens (${formatPercent(cachedShare)} read from cache) · ` +
      `${formatCompact(total?.outputTokens ?? 0)} output tokens (${formatCompact(total?.reasoningTokens ?? 0)} reasoning)\n` +
      `${wrapText(requests, "  ")}\n` +
      wrapText(
        "Abandoned and cut streams are billed for what was streamed (marked estimated); a failed " +
          "attempt that the AI SDK retried released its hold and booked nothing.",
        "  ",
      ),
  );
  sections.push(...(await spendTables(ledger, totalNanoUsd)));
  sections.push(
    ...(await budgetSummary(ledger, input.events, input.teams, {
      refusedRequests: stats.denied,
      batchWaits: stats.batchWaits,
    })),
  );
  sections.push(insightSummary(await ledger.insights(), totalNanoUsd));
  if (input.liveLines.length > 0) {
    sections.push(
      `Live calls to OpenAI (OPENAI_API_KEY is set; its own ledger, real clock):\n${input.liveLines.join("\n")}`,
    );
  }
  sections.push(
    [
      `HTML report: ${input.reportPath}`,
      ...(input.reportHint ? [input.reportHint] : []),
      `Done in ${(input.elapsedMs / 1000).toFixed(1)} s. Same seed, same numbers: try --seed 7, or --calls 1200 for a busier week.`,
    ].join("\n"),
  );
  process.stdout.write(`\n${sections.join("\n\n")}\n`);
}
