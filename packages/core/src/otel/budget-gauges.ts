import type { Attributes, BatchObservableCallback, Meter } from "@opentelemetry/api";
import type { BudgetStatus, Ledger, LedgerContext } from "../ledger/types.js";
import { otelNames } from "./otel-names.js";

/** Contexts whose budgets are observed: a fixed list, or a function asked at each collection. */
export type BudgetContexts =
  | readonly LedgerContext[]
  | (() => readonly LedgerContext[] | Promise<readonly LedgerContext[]>);

/**
 * Registers `tokenledger.budget.limit|spent|held` as observable gauges read through
 * `ledger.status(context)` for each of `contexts` at every collection (never on the call path).
 * USD rules report USD; token and request rules their count (`tokenledger.budget.limit_kind`
 * says which). A bucket that several contexts share is reported once. Returns the unregister.
 */
export function registerBudgetGauges(
  ledger: Ledger,
  meter: Meter,
  contexts: BudgetContexts,
): () => void {
  const limit = meter.createObservableGauge(otelNames.budgetLimitGauge, {
    description: "Budget limit per rule and window (USD for usd rules, else tokens or requests).",
  });
  const spent = meter.createObservableGauge(otelNames.budgetSpentGauge, {
    description: "Spent in the current window of each budget rule.",
  });
  const held = meter.createObservableGauge(otelNames.budgetHeldGauge, {
    description: "Held by calls in flight in the current window of each budget rule.",
  });

  const observe: BatchObservableCallback = async (result) => {
    const list = typeof contexts === "function" ? await contexts() : contexts;
    const seen = new Set<string>();
    for (const context of list) {
      for (const bucket of await ledger.status(context)) {
        const key = `${bucket.ruleId}\u0000${bucket.scopeValue}\u0000${bucket.window}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const attributes = bucketAttributes(bucket);
        result.observe(limit, inLimitUnit(bucket, bucket.limit), attributes);
        result.observe(spent, inLimitUnit(bucket, bucket.spent), attributes);
        result.observe(held, inLimitUnit(bucket, bucket.held), attributes);
      }
    }
  };
  meter.addBatchObservableCallback(observe, [limit, spent, held]);
  return () => meter.removeBatchObservableCallback(observe, [limit, spent, held]);
}

function bucketAttributes(bucket: BudgetStatus): Attributes {
  return {
    [otelNames.budgetRuleId]: bucket.ruleId,
    [otelNames.budgetWindow]: bucket.window,
    [otelNames.budgetScope]: bucket.scope,
    [otelNames.budgetScopeValue]: bucket.scopeValue,
    [otelNames.budgetLimitKind]: bucket.limitKind,
  };
}

/** nano-USD → USD for usd rules (display precision is enough for a gauge); counts as they are. */
function inLimitUnit(bucket: BudgetStatus, amount: number): number {
  return bucket.limitKind === "usd" ? amount / 1e9 : amount;
}
