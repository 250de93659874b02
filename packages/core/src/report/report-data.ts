import type { BudgetRule } from "../budget/budget-rule.js";
import type { BudgetProjection } from "../insights/project-budgets.js";
import type { Insight, InsightOptions } from "../insights/types.js";
import type { UserPrices } from "../pricing/user-prices.js";
import type { AggregateRow, TimeBound } from "../store/ledger-query.js";
import type { BudgetStore } from "../store/store.js";

/** Spend of one time bucket, per series (the top models, then `other`). */
export interface TimelinePoint {
  /** Epoch ms of the bucket's start. */
  startMs: number;
  /** Integer nano-USD per series, in the order of {@link Timeline.series}. */
  costNanoUsd: number[];
  requests: number;
}

/** Spend over time, in equal buckets sized to the span of the records. */
export interface Timeline {
  bucketMs: number;
  /** `provider:model` of the costliest models, then `other` when there are more. */
  series: string[];
  points: TimelinePoint[];
}

/** Everything a report shows; plain data (JSON-serializable) for the text and HTML renderers. */
export interface ReportData {
  /** ISO time the report was made (and budgets were read at). */
  generatedAt: string;
  /** Bounds asked for (ISO), when given. */
  from?: string;
  to?: string;
  /** Context filter asked for. */
  context?: Record<string, string>;
  /** ISO times of the first and last record examined, `null` when there are none. */
  firstRecordAt: string | null;
  lastRecordAt: string | null;
  storeName: string;
  /** Where the catalog's prices come from (`genai-prices@…`). */
  priceSource: string;
  totals: AggregateRow;
  byModel: AggregateRow[];
  byProvider: AggregateRow[];
  byUser: AggregateRow[];
  byFeature: AggregateRow[];
  byDay: AggregateRow[];
  timeline: Timeline;
  /** Every budget bucket of the rules given, for the global scope and the scope values seen. */
  budgets: BudgetProjection[];
  /** Rules the budgets were read for (empty when none were given). */
  budgetRules: BudgetRule[];
  insights: Insight[];
  /** Records examined for the timeline and insights (the newest `recordLimit`). */
  recordsExamined: number;
  /** True when more records matched than were examined. */
  recordsTruncated: boolean;
}

/** Options of {@link collectReportData}. */
export interface CollectReportOptions {
  /** The store to report on (the one your app's ledger writes to). */
  store: BudgetStore;
  /** Budget rules your app runs with, to show usage against limits. */
  budgets?: readonly BudgetRule[];
  /** Your prices (as given to `createLedger`), for repricing in insights. */
  prices?: UserPrices;
  /** Inclusive start of the period. */
  from?: TimeBound;
  /** Exclusive end of the period. */
  to?: TimeBound;
  /** Only records whose context has these values (`{ teamId: "t1" }`). */
  context?: Record<string, string>;
  /** Instant budgets are read at. @default now */
  now?: number | Date;
  /** Newest records examined for the timeline and insights. @default 100000 */
  recordLimit?: number;
  insightOptions?: InsightOptions;
  /** Per rule, at most this many scope values (the costliest) get a budget row. @default 12 */
  maxScopeValues?: number;
}
