/** The spend tables of the summary, read from the ledger with `ledger.report({ groupBy })`. */
import type { AggregateRow, Ledger } from "@tokenledger/core";
import { formatCompact, formatCount, formatNanoUsd, formatPercent, formatTable } from "./format.js";
import { FEATURE_ADAPTERS, type Feature } from "./scenario.js";

const byCost = (rows: AggregateRow[]): AggregateRow[] =>
  rows.sort((left, right) => right.costNanoUsd - left.costNanoUsd);

const share = (row: AggregateRow, totalNanoUsd: number): string =>
  formatPercent(totalNanoUsd === 0 ? 0 : row.costNanoUsd / totalNanoUsd);

const BAR_WIDTH = 24;

/** Spend by model (with tokens by kind), user, feature and day, as aligned text. */
export async function spendTables(ledger: Ledger, totalNanoUsd: number): Promise<string[]> {
  const models = byCost(await ledger.report({ groupBy: ["provider", "model"] }));
  const users = byCost(await ledger.report({ groupBy: ["teamId", "userId"] }));
  const features = byCost(await ledger.report({ groupBy: ["feature"] }));
  const days = await ledger.report({ groupBy: ["day"] });
  const maxDayNanoUsd = Math.max(...days.map((row) => row.costNanoUsd), 1);
  return [
    `Spend by model\n${formatTable(
      ["model", "calls", "input", "cached", "output", "reasoning", "cost", "share"],
      models.map((row) => [
        `${row.group.provider}:${row.group.model}`,
        formatCount(row.requests),
        formatCompact(row.inputTokens),
        formatCompact(row.cacheReadTokens),
        formatCompact(row.outputTokens),
        formatCompact(row.reasoningTokens),
        formatNanoUsd(row.costNanoUsd, 4),
        share(row, totalNanoUsd),
      ]),
    )}`,
    `Spend by user\n${formatTable(
      ["user", "team", "calls", "cost", "share"],
      users.map((row) => [
        row.group.userId ?? "(none)",
        row.group.teamId ?? "(none)",
        formatCount(row.requests),
        formatNanoUsd(row.costNanoUsd, 4),
        share(row, totalNanoUsd),
      ]),
      "llrrr",
    )}`,
    `Spend by feature\n${formatTable(
      ["feature", "through", "calls", "cost", "share"],
      features.map((row) => [
        row.group.feature ?? "(none)",
        FEATURE_ADAPTERS[row.group.feature as Feature] ?? "",
        formatCount(row.requests),
        formatNanoUsd(row.costNanoUsd, 4),
        share(row, totalNanoUsd),
      ]),
      "llrrr",
    )}`,
    `Spend by day (UTC)\n${formatTable(
      ["day", "calls", "cost", ""],
      days.map((row) => [
        row.group.day ?? "",
        formatCount(row.requests),
        formatNanoUsd(row.costNanoUsd, 4),
        "▇".repeat(Math.max(1, Math.round((row.costNanoUsd / maxDayNanoUsd) * BAR_WIDTH))),
      ]),
      "lrrl",
    )}`,
  ];
}
