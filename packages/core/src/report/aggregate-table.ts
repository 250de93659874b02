import type { AggregateRow } from "../store/ledger-query.js";
import { dollarDecimalsFor, formatCount, formatDollars, formatPercent } from "./format.js";
import { renderTextTable, type TextColumn } from "./text-table.js";

/** Column headers for group keys. */
const KEY_HEADERS: Readonly<Record<string, string>> = { userId: "user", teamId: "team" };

/**
 * Aggregate rows as a text table: one column per group key (`(none)` for records without the
 * key), then calls, input, cached input, output tokens, cost and share of the total, with a
 * total row.
 */
export function renderAggregateTable(
  rows: readonly AggregateRow[],
  groupBy: readonly string[],
  totals?: AggregateRow,
): string {
  const totalCost = totals?.costNanoUsd ?? rows.reduce((sum, row) => sum + row.costNanoUsd, 0);
  const decimals = dollarDecimalsFor(Math.max(totalCost, ...rows.map((row) => row.costNanoUsd)));
  const columns: TextColumn[] = [
    ...groupBy.map((key) => ({ header: KEY_HEADERS[key] ?? key })),
    { header: "calls", align: "right" },
    { header: "input tok", align: "right" },
    { header: "cached", align: "right" },
    { header: "output tok", align: "right" },
    { header: "cost", align: "right" },
    { header: "share", align: "right" },
  ];
  const cells = (row: AggregateRow): string[] => [
    formatCount(row.requests),
    formatCount(row.inputTokens),
    formatCount(row.cacheReadTokens),
    formatCount(row.outputTokens),
    formatDollars(row.costNanoUsd, decimals) + (row.unpricedRequests > 0 ? "*" : ""),
    formatPercent(row.costNanoUsd, totalCost),
  ];
  const body = rows.map((row) => [
    ...groupBy.map((key) => row.group[key] ?? "(none)"),
    ...cells(row),
  ]);
  const footer = totals
    ? ["total", ...groupBy.slice(1).map(() => ""), ...cells(totals)]
    : undefined;
  const table = renderTextTable(columns, body, footer);
  const unpriced = rows.some((row) => row.unpricedRequests > 0)
    ? "\n* includes calls to models with no known price (counted as $0; add prices to fix)"
    : "";
  return table + unpriced;
}
