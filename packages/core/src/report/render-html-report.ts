import { budgetChartSvg } from "./budget-chart-svg.js";
import { escapeHtml } from "./escape-html.js";
import {
  formatCompact,
  formatCount,
  formatDollars,
  formatDuration,
  formatPercent,
  formatUtc,
} from "./format.js";
import { aggregateTableHtml, insightsHtml, kpiHtml, spendBars } from "./html-sections.js";
import type { ReportData } from "./report-data.js";
import { REPORT_STYLES } from "./report-styles.js";
import { timelineChartSvg } from "./timeline-chart-svg.js";

/** Nothing may load from anywhere: styles are inline, charts are inline SVG, no scripts. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function card(title: string, body: string, note = ""): string {
  const small = note === "" ? "" : ` <small>${escapeHtml(note)}</small>`;
  return `<section class="card"><h2>${escapeHtml(title)}${small}</h2>${body}</section>`;
}

function legend(series: readonly string[]): string {
  if (series.length === 0) return "";
  const entries = series.map(
    (name, index) => `<span style="--c: var(--s${Math.min(index, 5)})">${escapeHtml(name)}</span>`,
  );
  return `<div class="legend">${entries.join("")}</div>`;
}

/**
 * The report as ONE self-contained HTML page (no network, no scripts: inline CSS and SVG
 * charts): key figures, spend over time stacked by model, spend by model and by user, budget
 * usage against limits with projections, insights with their savings, and tables by feature,
 * provider and day. All text is escaped. Light and dark themes follow the system.
 */
export function renderHtmlReport(data: ReportData): string {
  const { totals } = data;
  const nowMs = Date.parse(data.generatedAt);
  const total = totals.costNanoUsd;
  const period =
    data.firstRecordAt === null
      ? "No calls recorded yet"
      : `${formatUtc(data.from ?? data.firstRecordAt)} → ${formatUtc(data.to ?? data.lastRecordAt ?? data.generatedAt)}`;
  const filter =
    data.context === undefined
      ? ""
      : ` · ${Object.entries(data.context)
          .map(([key, value]) => `${key} = ${value}`)
          .join(", ")}`;
  const top = data.insights[0];
  const thresholds = new Map(data.budgetRules.map((rule) => [rule.id, rule.thresholds ?? []]));
  const runningOut = data.budgets.filter((budget) => budget.outcome !== "lasts").length;
  const kpis = [
    kpiHtml(
      "Spend",
      formatDollars(total),
      `${formatCount(totals.requests)} calls${totals.unpricedRequests > 0 ? ` · ${formatCount(totals.unpricedRequests)} unpriced` : ""}`,
    ),
    kpiHtml(
      "Input tokens",
      formatCompact(totals.inputTokens),
      `${formatPercent(totals.cacheReadTokens, totals.inputTokens)} from cache`,
    ),
    kpiHtml(
      "Output tokens",
      formatCompact(totals.outputTokens),
      `${formatCompact(totals.reasoningTokens)} reasoning`,
    ),
    kpiHtml(
      "Top saving found",
      top === undefined ? "—" : formatDollars(Math.max(top.savingsNanoUsd, 0)),
      `${data.insights.length} insight${data.insights.length === 1 ? "" : "s"}`,
      "save",
    ),
    kpiHtml(
      "Budgets",
      String(data.budgets.length),
      data.budgets.length === 0 ? "none given" : `${runningOut} over or running out`,
    ),
  ].join("");
  const timeline =
    data.timeline.points.length === 0
      ? `<p class="empty">No calls in this period.</p>`
      : timelineChartSvg(data.timeline) + legend(data.timeline.series);
  const budgets =
    data.budgets.length === 0
      ? `<p class="empty">No budget rules given. Pass <code>--budgets budgets.json</code> (the rules your app runs with) to see usage against limits.</p>`
      : budgetChartSvg(data.budgets, thresholds, nowMs);
  const truncated = data.recordsTruncated
    ? `<p class="footnote">The timeline and insights examined the newest ${formatCount(data.recordsExamined)} calls; tables cover all of them.</p>`
    : "";
  const body = [
    `<header><div><div class="brand">tokenledger</div><h1>${escapeHtml(formatDollars(total))} spent</h1><div class="period">${escapeHtml(period + filter)}</div></div>`,
    `<div class="meta">generated ${escapeHtml(formatUtc(data.generatedAt))}<br>store: ${escapeHtml(data.storeName)} · prices: ${escapeHtml(data.priceSource)}</div></header>`,
    `<section class="kpis">${kpis}</section>`,
    card(
      "Spend over time",
      timeline + truncated,
      `UTC, per ${formatDuration(data.timeline.bucketMs)}`,
    ),
    `<div class="grid">${card(
      "Spend by model",
      spendBars(
        "by-model",
        data.byModel,
        (row) => `${row.group.provider}:${row.group.model}`,
        total,
        "Spend by model",
      ),
    )}`,
    `${card(
      "Spend by user",
      spendBars(
        "by-user",
        data.byUser,
        (row) => row.group.userId ?? "(no user)",
        total,
        "Spend by user",
      ),
    )}</div>`,
    card("Budgets", budgets, data.budgets.length === 0 ? "" : "spent against each limit, now"),
    card("Insights", insightsHtml(data.insights), "what would have saved money"),
    `<div class="grid">${card("By feature", aggregateTableHtml(data.byFeature, [{ key: "feature", header: "feature" }], totals))}`,
    `${card("By provider", aggregateTableHtml(data.byProvider, [{ key: "provider", header: "provider" }], totals))}</div>`,
    card("By day", aggregateTableHtml(data.byDay, [{ key: "day", header: "day (UTC)" }], totals)),
    `<footer>Costs are exact sums of integer nano-dollars, priced per call at the time of the call. Prompts are never stored: insights use hashes and counts.</footer>`,
  ].join("\n");
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    `<title>${escapeHtml(`tokenledger report · ${formatDollars(total)}`)}</title>`,
    `<style>${REPORT_STYLES}</style>`,
    "</head>",
    `<body><main>\n${body}\n</main></body>`,
    "</html>",
    "",
  ].join("\n");
}
