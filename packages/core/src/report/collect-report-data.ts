import type { BudgetRule } from "../budget/budget-rule.js";
import { findInsights } from "../insights/find-insights.js";
import type { BudgetProjection } from "../insights/project-budgets.js";
import { createLedger } from "../ledger/create-ledger.js";
import { createCatalog } from "../pricing/create-catalog.js";
import type { AggregateQuery, AggregateRow, RecordFilter } from "../store/ledger-query.js";
import { timeBoundToMs } from "../store/record-filter.js";
import { buildTimeline } from "./build-timeline.js";
import type { CollectReportOptions, ReportData } from "./report-data.js";

const DEFAULT_RECORD_LIMIT = 100_000;
const DEFAULT_MAX_SCOPE_VALUES = 12;

const byCost = (rows: AggregateRow[]): AggregateRow[] =>
  rows.sort(
    (left, right) => right.costNanoUsd - left.costNanoUsd || right.requests - left.requests,
  );

const emptyRow = (): AggregateRow => ({
  group: {},
  requests: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costNanoUsd: 0,
  unpricedRequests: 0,
  estimatedRequests: 0,
});

/**
 * Reads everything a report shows from a store: exact sums by model, provider, user, feature
 * and day (`store.aggregate`), spend over time and insights from the newest `recordLimit`
 * records (`store.query`), and — when you pass your budget rules — every budget bucket for the
 * global scope and the costliest scope values seen, with its projection. The store is not
 * closed. Render with `renderTextReport` or `renderHtmlReport`.
 *
 * @example
 * const data = await collectReportData({ store, budgets, from: "2026-11-01" });
 * await writeFile("report.html", renderHtmlReport(data));
 */
export async function collectReportData(options: CollectReportOptions): Promise<ReportData> {
  const { store } = options;
  const nowMs = options.now === undefined ? Date.now() : timeBoundToMs(options.now, "now");
  const filter: RecordFilter = {};
  if (options.from !== undefined) filter.from = timeBoundToMs(options.from, "from");
  if (options.to !== undefined) filter.to = timeBoundToMs(options.to, "to");
  if (options.context !== undefined) filter.context = options.context;
  const aggregate = (groupBy: string[]): Promise<AggregateRow[]> => {
    const query: AggregateQuery = { ...filter, groupBy };
    return store.aggregate(query);
  };
  const recordLimit = options.recordLimit ?? DEFAULT_RECORD_LIMIT;
  const [totalsRows, byModel, byProvider, byUser, byFeature, byDay, records] = await Promise.all([
    aggregate([]),
    aggregate(["provider", "model"]),
    aggregate(["provider"]),
    aggregate(["userId"]),
    aggregate(["feature"]),
    aggregate(["day"]),
    store.query({ ...filter, limit: recordLimit }),
  ]);
  const totals = totalsRows[0] ?? emptyRow();
  const catalog = createCatalog(options.prices === undefined ? {} : { prices: options.prices });
  const budgetRules = [...(options.budgets ?? [])];
  const budgets = await readBudgets(options, budgetRules, nowMs, aggregate);
  const times = records.map((record) => Date.parse(record.time));
  const data: ReportData = {
    generatedAt: new Date(nowMs).toISOString(),
    firstRecordAt: times.length === 0 ? null : new Date(Math.min(...times)).toISOString(),
    lastRecordAt: times.length === 0 ? null : new Date(Math.max(...times)).toISOString(),
    storeName: store.name,
    priceSource: catalog.source,
    totals,
    byModel: byCost(byModel),
    byProvider: byCost(byProvider),
    byUser: byCost(byUser),
    byFeature: byCost(byFeature),
    byDay: byDay.sort((left, right) =>
      String(left.group.day).localeCompare(String(right.group.day)),
    ),
    timeline: buildTimeline(records),
    budgets,
    budgetRules,
    insights: findInsights(records, { ...options.insightOptions, catalog }),
    recordsExamined: records.length,
    recordsTruncated: records.length >= recordLimit && totals.requests > records.length,
  };
  if (filter.from !== undefined) data.from = new Date(filter.from).toISOString();
  if (filter.to !== undefined) data.to = new Date(filter.to).toISOString();
  if (options.context !== undefined) data.context = options.context;
  return data;
}

/** Budget buckets of each rule: the global one, or one per costly scope value, projected. */
async function readBudgets(
  options: CollectReportOptions,
  rules: readonly BudgetRule[],
  nowMs: number,
  aggregate: (groupBy: string[]) => Promise<AggregateRow[]>,
): Promise<BudgetProjection[]> {
  if (rules.length === 0) return [];
  const ledger = createLedger({
    store: options.store,
    budgets: rules,
    ...(options.prices === undefined ? {} : { prices: options.prices }),
    now: () => nowMs,
  });
  const maxValues = options.maxScopeValues ?? DEFAULT_MAX_SCOPE_VALUES;
  const seen = new Set<string>();
  const projections: BudgetProjection[] = [];
  const scopes = [...new Set(rules.map((rule) => rule.scope))];
  for (const scope of scopes) {
    const contexts: Record<string, string>[] = [];
    if (scope === "global") {
      contexts.push({});
    } else {
      const rows = byCost(await aggregate([scope]));
      for (const row of rows.slice(0, maxValues)) {
        const value = row.group[scope];
        if (typeof value === "string") contexts.push({ [scope]: value });
      }
    }
    for (const context of contexts) {
      for (const projection of await ledger.projection(context)) {
        if (projection.scope !== scope) continue;
        const key = `${projection.ruleId}|${projection.scopeValue}|${projection.limitKind}`;
        if (seen.has(key)) continue;
        seen.add(key);
        projections.push(projection);
      }
    }
  }
  return projections.sort((left, right) => right.spent / right.limit - left.spent / left.limit);
}
