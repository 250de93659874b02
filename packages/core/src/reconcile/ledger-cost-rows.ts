import type { UsageRecord } from "../ledger/types.js";
import { utcDay } from "./provider-cost.js";

/** The ledger's spend on one UTC day × provider × model. */
export interface LedgerCostRow {
  day: string;
  provider: string;
  /** The model key both sides are matched on (see {@link modelKey}). */
  model: string;
  costNanoUsd: number;
  requests: number;
  /** Records (or parts) with no price: they count 0 in `costNanoUsd`. */
  unpricedRequests: number;
  /** Records whose usage was estimated (a stream cut short, a framework that hid the usage). */
  estimatedRequests: number;
  /** Records priced by a model family's price (`priceMatch: "family"`). */
  approximateRequests: number;
  /** Sum of `reportedCostNanoUsd` over the records that carry one (gateways). */
  reportedCostNanoUsd: number;
  /** Ledger cost of those same records. */
  reportedRecordsCostNanoUsd: number;
  /** Records carrying a `reportedCostNanoUsd`. */
  reportedRequests: number;
}

const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8})$/;

/**
 * The key a model is matched on across the ledger and a provider's report: lower case, without
 * a dated snapshot suffix (`gpt-4o-2024-08-06` → `gpt-4o`, `claude-sonnet-4-5-20250929` →
 * `claude-sonnet-4-5`), since providers bill the snapshot and the ledger prices the catalog id.
 */
export function modelKey(model: string): string {
  return model.trim().toLowerCase().replace(SNAPSHOT_SUFFIX, "");
}

/** Row key of day × provider × model. */
export function rowKey(day: string, provider: string, model: string): string {
  return `${day}\u0000${provider}\u0000${model}`;
}

function emptyRow(day: string, provider: string, model: string): LedgerCostRow {
  return {
    day,
    provider,
    model,
    costNanoUsd: 0,
    requests: 0,
    unpricedRequests: 0,
    estimatedRequests: 0,
    approximateRequests: 0,
    reportedCostNanoUsd: 0,
    reportedRecordsCostNanoUsd: 0,
    reportedRequests: 0,
  };
}

/**
 * Sums records per UTC day × provider × model key. A multi-part record counts each part under
 * its own model (an Anthropic advisor step is billed under the advisor's model). Only records
 * (and parts) of `provider` count when it is given.
 */
export function ledgerCostRows(
  records: readonly UsageRecord[],
  provider?: string,
): Map<string, LedgerCostRow> {
  const rows = new Map<string, LedgerCostRow>();
  const add = (day: string, rowProvider: string, model: string): LedgerCostRow => {
    const key = rowKey(day, rowProvider, modelKey(model));
    let row = rows.get(key);
    if (!row) {
      row = emptyRow(day, rowProvider, modelKey(model));
      rows.set(key, row);
    }
    return row;
  };
  for (const record of records) {
    const day = utcDay(Date.parse(record.time));
    const parts =
      record.parts && record.parts.length > 0
        ? record.parts.map((part) => ({
            provider: part.provider,
            model: part.model,
            costNanoUsd: part.costNanoUsd,
            priced: part.cost !== null,
          }))
        : [
            {
              provider: record.provider,
              model: record.model,
              costNanoUsd: record.costNanoUsd,
              priced: record.priced,
            },
          ];
    for (const part of parts) {
      if (provider !== undefined && part.provider !== provider) continue;
      const row = add(day, part.provider, part.model);
      row.requests += 1;
      row.costNanoUsd += part.costNanoUsd;
      if (!part.priced) row.unpricedRequests += 1;
      if (record.estimated) row.estimatedRequests += 1;
      if (record.priceMatch === "family") row.approximateRequests += 1;
    }
    if (record.reportedCostNanoUsd !== undefined) {
      if (provider !== undefined && record.provider !== provider) continue;
      const row = add(day, record.provider, record.model);
      row.reportedCostNanoUsd += record.reportedCostNanoUsd;
      row.reportedRecordsCostNanoUsd += record.costNanoUsd;
      row.reportedRequests += 1;
    }
  }
  return rows;
}
