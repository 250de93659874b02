import type { Insight } from "../insights/types.js";
import type { AggregateRow } from "../store/ledger-query.js";
import { type BarItem, barChartSvg } from "./bar-chart-svg.js";
import { escapeHtml } from "./escape-html.js";
import {
  dollarDecimalsFor,
  formatCompact,
  formatCount,
  formatDollars,
  formatPercent,
} from "./format.js";

const INSIGHT_LABELS: Readonly<Record<Insight["kind"], string>> = {
  "duplicate-prompts": "Duplicate prompts",
  "uncached-prefix": "Uncached prefix",
  "oversized-max-output": "Oversized max output",
  "expensive-model-short-output": "Expensive model",
  "failed-calls": "Failed & aborted calls",
};

/** Bars for the costliest groups, the rest folded into one `others` bar. */
export function spendBars(
  name: string,
  rows: readonly AggregateRow[],
  labelOf: (row: AggregateRow) => string,
  total: number,
  ariaLabel: string,
  maxBars = 8,
): string {
  if (rows.length === 0 || total <= 0)
    return `<p class="empty">No priced calls in this period.</p>`;
  const shown = rows.slice(0, maxBars);
  const rest = rows.slice(maxBars);
  const items: BarItem[] = shown.map((row) => ({
    label: labelOf(row),
    value: row.costNanoUsd,
    display: `${formatDollars(row.costNanoUsd)} · ${formatPercent(row.costNanoUsd, total)}`,
    title: `${labelOf(row)}: ${formatDollars(row.costNanoUsd)} over ${formatCount(row.requests)} calls, ${formatCompact(row.inputTokens)} in / ${formatCompact(row.outputTokens)} out`,
  }));
  if (rest.length > 0) {
    const cost = rest.reduce((sum, row) => sum + row.costNanoUsd, 0);
    items.push({
      label: `${rest.length} others`,
      value: cost,
      display: `${formatDollars(cost)} · ${formatPercent(cost, total)}`,
    });
  }
  return barChartSvg(name, items, ariaLabel);
}

/** An HTML table of aggregate rows with a total row. */
export function aggregateTableHtml(
  rows: readonly AggregateRow[],
  columns: readonly { key: string; header: string }[],
  totals: AggregateRow,
): string {
  if (rows.length === 0) return `<p class="empty">No calls in this period.</p>`;
  const decimals = dollarDecimalsFor(totals.costNanoUsd);
  const numbers = (row: AggregateRow): string =>
    [
      formatCount(row.requests),
      formatCompact(row.inputTokens),
      formatPercent(row.cacheReadTokens, row.inputTokens),
      formatCompact(row.outputTokens),
      formatDollars(row.costNanoUsd, decimals),
      formatPercent(row.costNanoUsd, totals.costNanoUsd),
    ]
      .map((cell) => `<td class="num">${escapeHtml(cell)}</td>`)
      .join("");
  const head =
    columns.map((column) => `<th>${escapeHtml(column.header)}</th>`).join("") +
    ["calls", "input", "cached", "output", "cost", "share"]
      .map((name) => `<th class="num">${name}</th>`)
      .join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${columns.map((column) => `<td class="key">${escapeHtml(row.group[column.key] ?? "(none)")}</td>`).join("")}${numbers(row)}</tr>`,
    )
    .join("");
  const foot = `<tr><td colspan="${columns.length}">total</td>${numbers(totals)}</tr>`;
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody><tfoot>${foot}</tfoot></table>`;
}

/** Insight cards, largest saving first. */
export function insightsHtml(insights: readonly Insight[]): string {
  if (insights.length === 0) {
    return `<p class="empty">Nothing to fix: no duplicate prompts, uncached prefixes, oversized holds, overpriced short answers or failed calls found.</p>`;
  }
  const cards = insights.map((insight) => {
    const worth =
      insight.savingsNanoUsd > 0
        ? `<div class="worth"><b>${escapeHtml(formatDollars(insight.savingsNanoUsd))}</b><small>could be saved</small></div>`
        : `<div class="worth held"><b>${escapeHtml(formatDollars(insight.heldNanoUsd))}</b><small>budget held, unused</small></div>`;
    return (
      `<article class="insight" data-kind="${escapeHtml(insight.kind)}">` +
      `<div class="kind">${escapeHtml(INSIGHT_LABELS[insight.kind])} · ${formatCount(insight.affectedRequests)} calls</div>` +
      worth +
      `<div class="title">${escapeHtml(insight.title)}</div>` +
      `<div class="detail">${escapeHtml(insight.detail)}</div></article>`
    );
  });
  return `<div class="insights">${cards.join("")}</div><p class="footnote">Savings are computed from prompt hashes, token counts and catalog prices over the calls examined; they can overlap, so do not add them up.</p>`;
}

/** One key figure. */
export function kpiHtml(name: string, number: string, sub: string, className = ""): string {
  return `<div class="kpi ${className}"><div class="name">${escapeHtml(name)}</div><div class="number">${escapeHtml(number)}</div><div class="sub">${escapeHtml(sub)}</div></div>`;
}
