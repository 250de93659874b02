import { nanoUsdToUsd } from "../money/nano-usd.js";
import { amountOfKind, LIMIT_KINDS, limitOfKind } from "../store/amounts.js";
import type { LedgerRuntime } from "./ledger-runtime.js";
import type { BudgetStatus, LedgerContext } from "./types.js";

/** Every bucket that applies to `context` now, one row per limit kind, from the store's balances. */
export async function readStatus(
  runtime: LedgerRuntime,
  context: LedgerContext,
): Promise<BudgetStatus[]> {
  const nowMs = runtime.now();
  const { plans } = runtime.budgets.bucketsFor({ context, now: nowMs });
  if (plans.length === 0) return [];
  const balances = await runtime.guard.call("balances", () =>
    runtime.store.balances({
      keys: plans.map((plan) =>
        plan.rollingWindowMs === undefined
          ? { key: plan.key }
          : { key: plan.key, rollingWindowMs: plan.rollingWindowMs },
      ),
      nowMs,
    }),
  );
  const rows: BudgetStatus[] = [];
  plans.forEach((plan, index) => {
    const balance = balances[index];
    for (const limitKind of LIMIT_KINDS) {
      const limit = limitOfKind(plan.limits, limitKind);
      if (limit === undefined) continue;
      const spent = balance ? amountOfKind(balance.spent, limitKind) : 0;
      const held = balance ? amountOfKind(balance.held, limitKind) : 0;
      const remaining = Math.max(0, limit - spent - held);
      rows.push({
        ruleId: plan.ruleId,
        scope: plan.scope,
        scopeValue: plan.scopeValue,
        window: plan.windowKey,
        limitKind,
        limit,
        spent,
        held,
        remaining,
        ...(limitKind === "usd"
          ? {
              limitUsd: nanoUsdToUsd(limit),
              spentUsd: nanoUsdToUsd(spent),
              heldUsd: nanoUsdToUsd(held),
              remainingUsd: nanoUsdToUsd(remaining),
            }
          : {}),
        windowStart: plan.windowStart === null ? null : new Date(plan.windowStart),
        resetsAt: plan.resetsAt === null ? null : new Date(plan.resetsAt),
        mode: plan.mode,
      });
    }
  });
  return rows;
}
