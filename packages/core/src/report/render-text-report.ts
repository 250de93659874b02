import type { AggregateRow } from "../store/ledger-query.js";
import { renderAggregateTable } from "./aggregate-table.js";
import { describeProjection, formatBudgetAmount } from "./describe-budget.js";
import { formatCount, formatDollars, formatPercent, formatUtc } from "./format.js";
import type { ReportData } from "./report-data.js";
import { renderTextTable } from "./text-table.js";

const MAX_INSIGHTS = 8;

/** Which sections {@link renderTextReport} prints. */
export interface TextReportOptions {
  /** Tables to print, by group. @default all five */
  sections?: readonly ("model" | "provider" | "user" | "feature" | "day")[];
}

function section(title: string, body: string): string {
  return `${title}\n\n${body}`;
}

/**
 * The report as plain text for a terminal: a summary line, spend tables by model, provider,
 * user, feature and day, budget usage with projections, and the insights with their savings.
 */
export function renderTextReport(data: ReportData, options: TextReportOptions = {}): string {
  const sections = options.sections ?? ["model", "provider", "user", "feature", "day"];
  const nowMs = Date.parse(data.generatedAt);
  const { totals } = data;
  const period =
    data.firstRecordAt === null
      ? "no calls recorded"
      : `${formatUtc(data.from ?? data.firstRecordAt)} → ${formatUtc(data.to ?? data.lastRecordAt ?? data.generatedAt)}`;
  const parts: string[] = [
    `tokenledger report · ${period} · ${data.storeName}\n` +
      `${formatDollars(totals.costNanoUsd)} over ${formatCount(totals.requests)} calls · ` +
      `${formatCount(totals.inputTokens)} input tokens (${formatPercent(totals.cacheReadTokens, totals.inputTokens)} cached) · ` +
      `${formatCount(totals.outputTokens)} output tokens`,
  ];
  const tables: Record<string, [string, AggregateRow[], string[]]> = {
    model: ["Spend by model", data.byModel, ["provider", "model"]],
    provider: ["Spend by provider", data.byProvider, ["provider"]],
    user: ["Spend by user", data.byUser, ["userId"]],
    feature: ["Spend by feature", data.byFeature, ["feature"]],
    day: ["Spend by day (UTC)", data.byDay, ["day"]],
  };
  if (totals.requests > 0) {
    for (const name of sections) {
      const [title, rows, groupBy] = tables[name] ?? ["", [], []];
      parts.push(section(title, renderAggregateTable(rows, groupBy, totals)));
    }
  }
  if (data.budgets.length > 0) {
    const rows = data.budgets.map((projection) => [
      projection.mode === "warn" ? `${projection.ruleId} (warn)` : projection.ruleId,
      projection.scope === "global" ? "global" : `${projection.scope}=${projection.scopeValue}`,
      projection.window,
      `${formatBudgetAmount(projection, projection.spent)} / ${formatBudgetAmount(projection, projection.limit)}`,
      formatPercent(projection.spent, projection.limit),
      describeProjection(projection, nowMs),
    ]);
    parts.push(
      section(
        "Budgets",
        renderTextTable(
          [
            { header: "rule" },
            { header: "scope" },
            { header: "window" },
            { header: "spent / limit", align: "right" },
            { header: "used", align: "right" },
            { header: "at the current rate" },
          ],
          rows,
        ),
      ),
    );
  }
  if (data.insights.length > 0) {
    const lines = data.insights.slice(0, MAX_INSIGHTS).map((insight) => {
      const worth =
        insight.savingsNanoUsd > 0
          ? `save ${formatDollars(insight.savingsNanoUsd)}`
          : `${formatDollars(insight.heldNanoUsd)} held`;
      return `• ${insight.title} — ${worth}\n  ${insight.detail}`;
    });
    const more =
      data.insights.length > MAX_INSIGHTS
        ? `\n… and ${data.insights.length - MAX_INSIGHTS} more`
        : "";
    parts.push(section("Insights (savings may overlap)", lines.join("\n") + more));
  }
  if (data.recordsTruncated) {
    parts.push(
      `Timeline and insights examined the newest ${formatCount(data.recordsExamined)} calls.`,
    );
  }
  return `${parts.join("\n\n")}\n`;
}
