import type { LedgerRuntime } from "./ledger-runtime.js";
import type { UsageRecord } from "./types.js";

/** A reported USD amount in integer nano-USD, or `undefined` when it is not a finite amount ≥ 0. */
export function usdToNanoUsd(usd: number): number | undefined {
  if (typeof usd !== "number" || !Number.isFinite(usd) || usd < 0) return undefined;
  return Math.round(usd * 1e9);
}

/**
 * Fires `cost-mismatch` when a priced record's reported cost differs from the computed one by
 * more than both the relative tolerance (of the larger amount) and the absolute one.
 */
export function emitCostMismatch(runtime: LedgerRuntime, record: UsageRecord): void {
  const reported = record.reportedCostNanoUsd;
  if (reported === undefined || !record.priced) return;
  const difference = reported - record.costNanoUsd;
  const { relative, absoluteNanoUsd } = runtime.costMismatchTolerance;
  const magnitude = Math.abs(difference);
  if (magnitude <= absoluteNanoUsd) return;
  if (magnitude <= relative * Math.max(reported, record.costNanoUsd)) return;
  runtime.emitter.emit("cost-mismatch", {
    recordId: record.id,
    model: record.model,
    provider: record.provider,
    costNanoUsd: record.costNanoUsd,
    reportedCostNanoUsd: reported,
    differenceNanoUsd: difference,
    context: record.context,
  });
}
