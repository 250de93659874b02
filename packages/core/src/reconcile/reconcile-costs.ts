import type { UsageRecord } from "../ledger/types.js";
import { type LedgerCostRow, ledgerCostRows, modelKey, rowKey } from "./ledger-cost-rows.js";
import type { ProviderCostReport, UnconvertedAmount } from "./provider-cost.js";

/**
 * Why a row differs, most specific first:
 * - `calls-outside-ledger`: the provider billed a model/day the ledger has no call for (calls not
 *   routed through tokenledger, another app on the same key, a non-token line item);
 * - `missing-from-provider-report`: the ledger has spend the provider has not reported (reports
 *   lag by hours; another organization or key);
 * - `unpriced-records`: calls on a model without a price count $0 in the ledger;
 * - `estimated-records`: some usage was estimated, not read from the provider;
 * - `approximate-prices`: some calls were priced by their model family's price;
 * - `price-drift`: every call is priced exactly and still the totals differ (a price change the
 *   catalog does not have yet, a discount, a billed feature the record lacks).
 */
export type ReconcileCause =
  | "calls-outside-ledger"
  | "missing-from-provider-report"
  | "unpriced-records"
  | "estimated-records"
  | "approximate-prices"
  | "price-drift";

/** One day × provider × model, compared. */
export interface ReconcileRow {
  day: string;
  provider: string;
  /** Model key (lower case, dated snapshot suffix removed), or a provider line item. */
  model: string;
  ledgerCostNanoUsd: number;
  /** What the provider billed (or, for `reconcileReportedCosts`, reported on the records). */
  providerCostNanoUsd: number;
  /** provider − ledger. Positive: the ledger is low. */
  differenceNanoUsd: number;
  ledgerRequests: number;
  unpricedRequests: number;
  estimatedRequests: number;
  approximateRequests: number;
  /** |difference| ≤ tolerance. */
  withinTolerance: boolean;
  /** Likely causes; empty when within tolerance. */
  causes: ReconcileCause[];
}

/** The comparison of a period. */
export interface ReconcileResult {
  /** `openai`, `anthropic`, or `reported` (records' own provider-reported costs). */
  source: string;
  toleranceNanoUsd: number;
  /** Every compared row, by day then model. */
  rows: ReconcileRow[];
  /** Rows beyond the tolerance. */
  differences: number;
  /** Amounts not in USD: listed, never converted or compared. */
  unconverted: UnconvertedAmount[];
  ledgerCostNanoUsd: number;
  providerCostNanoUsd: number;
}

/** Default tolerance per row: one cent. */
export const DEFAULT_TOLERANCE_NANO_USD = 10_000_000;

function compareRow(
  base: { day: string; provider: string; model: string },
  ledger: LedgerCostRow | undefined,
  ledgerCostNanoUsd: number,
  providerCostNanoUsd: number,
  toleranceNanoUsd: number,
): ReconcileRow {
  const differenceNanoUsd = providerCostNanoUsd - ledgerCostNanoUsd;
  const withinTolerance = Math.abs(differenceNanoUsd) <= toleranceNanoUsd;
  const row: ReconcileRow = {
    ...base,
    ledgerCostNanoUsd,
    providerCostNanoUsd,
    differenceNanoUsd,
    ledgerRequests: ledger?.requests ?? 0,
    unpricedRequests: ledger?.unpricedRequests ?? 0,
    estimatedRequests: ledger?.estimatedRequests ?? 0,
    approximateRequests: ledger?.approximateRequests ?? 0,
    withinTolerance,
    causes: [],
  };
  if (withinTolerance) return row;
  if (row.ledgerRequests === 0) row.causes.push("calls-outside-ledger");
  else if (providerCostNanoUsd === 0) row.causes.push("missing-from-provider-report");
  else {
    if (row.unpricedRequests > 0) row.causes.push("unpriced-records");
    if (row.estimatedRequests > 0) row.causes.push("estimated-records");
    if (row.approximateRequests > 0) row.causes.push("approximate-prices");
    if (row.causes.length === 0) row.causes.push("price-drift");
  }
  return row;
}

function finish(
  source: string,
  rows: ReconcileRow[],
  toleranceNanoUsd: number,
  unconverted: UnconvertedAmount[],
): ReconcileResult {
  rows.sort(
    (left, right) =>
      left.day.localeCompare(right.day) ||
      left.provider.localeCompare(right.provider) ||
      left.model.localeCompare(right.model),
  );
  return {
    source,
    toleranceNanoUsd,
    rows,
    differences: rows.filter((row) => !row.withinTolerance).length,
    unconverted,
    ledgerCostNanoUsd: rows.reduce((sum, row) => sum + row.ledgerCostNanoUsd, 0),
    providerCostNanoUsd: rows.reduce((sum, row) => sum + row.providerCostNanoUsd, 0),
  };
}

/**
 * Compares the ledger's records with a provider's cost report, per UTC day × model (the
 * report's projects or workspaces are summed). Records of other providers are ignored. Pass the
 * records of whole UTC days: provider reports are per day.
 *
 * @example
 * const report = await readOpenAiCosts({ fromMs, toMs });
 * const records = await store.query({ from: fromMs, to: toMs, provider: "openai" });
 * const result = reconcileCosts({ records, report });
 */
export function reconcileCosts(options: {
  records: readonly UsageRecord[];
  report: ProviderCostReport;
  /** Per row, nano-USD. @default 10_000_000 (one cent) */
  toleranceNanoUsd?: number;
}): ReconcileResult {
  const tolerance = options.toleranceNanoUsd ?? DEFAULT_TOLERANCE_NANO_USD;
  const provider = options.report.provider;
  const ledger = ledgerCostRows(options.records, provider);
  const billed = new Map<string, { day: string; model: string; costNanoUsd: number }>();
  for (const row of options.report.rows) {
    const model = modelKey(row.model);
    const key = rowKey(row.day, provider, model);
    const entry = billed.get(key) ?? { day: row.day, model, costNanoUsd: 0 };
    entry.costNanoUsd += row.costNanoUsd;
    billed.set(key, entry);
  }
  const keys = new Set([...ledger.keys(), ...billed.keys()]);
  const rows: ReconcileRow[] = [];
  for (const key of keys) {
    const ledgerRow = ledger.get(key);
    const billedRow = billed.get(key);
    const day = ledgerRow?.day ?? billedRow?.day ?? "";
    const model = ledgerRow?.model ?? billedRow?.model ?? "";
    if (ledgerRow && ledgerRow.requests === 0 && !billedRow) continue;
    rows.push(
      compareRow(
        { day, provider, model },
        ledgerRow,
        ledgerRow?.costNanoUsd ?? 0,
        billedRow?.costNanoUsd ?? 0,
        tolerance,
      ),
    );
  }
  return finish(provider, rows, tolerance, [...options.report.unconverted]);
}

/**
 * Compares each gateway record's computed cost with the cost the gateway reported on it
 * (`reportedCostNanoUsd`: OpenRouter, the AI Gateway, LiteLLM), per UTC day × provider × model.
 * Records without a reported cost are left out.
 */
export function reconcileReportedCosts(options: {
  records: readonly UsageRecord[];
  /** Per row, nano-USD. @default 10_000_000 (one cent) */
  toleranceNanoUsd?: number;
}): ReconcileResult {
  const tolerance = options.toleranceNanoUsd ?? DEFAULT_TOLERANCE_NANO_USD;
  const withReported = options.records.filter((record) => record.reportedCostNanoUsd !== undefined);
  const rows: ReconcileRow[] = [];
  for (const ledgerRow of ledgerCostRows(withReported).values()) {
    if (ledgerRow.reportedRequests === 0) continue;
    rows.push(
      compareRow(
        ledgerRow,
        ledgerRow,
        ledgerRow.reportedRecordsCostNanoUsd,
        ledgerRow.reportedCostNanoUsd,
        tolerance,
      ),
    );
  }
  return finish("reported", rows, tolerance, []);
}
