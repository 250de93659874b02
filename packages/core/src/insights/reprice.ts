import type { UsageRecord } from "../ledger/types.js";
import type { Catalog } from "../pricing/create-catalog.js";
import { priceUsage } from "../pricing/price-usage.js";
import type { ResolvedModel } from "../pricing/resolved-model.js";
import type { Usage } from "../usage/usage.js";

/** The catalog entry a record was priced with, or `undefined` (unpriced, or no longer known). */
export function resolvedModelOf(record: UsageRecord, catalog: Catalog): ResolvedModel | undefined {
  if (!record.priced) return undefined;
  return catalog.resolve(record.model, record.provider);
}

/** Exact cost of `usage` for `model` at the record's time, integer nano-USD. */
export function costAt(model: ResolvedModel, usage: Usage, record: UsageRecord): number {
  return priceUsage(model, usage, Date.parse(record.time)).totalNanoUsd;
}
