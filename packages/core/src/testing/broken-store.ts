import { amountOfKind, LIMIT_KINDS, limitOfKind } from "../store/amounts.js";
import { memoryStore } from "../store/memory-store.js";
import type { BudgetStore, ReserveOutcome } from "../store/store.js";

/**
 * A deliberately broken store for negative controls: `reserve` reads balances, then `await`s,
 * then writes, so concurrent reserves all see the same balance and over-admit. Everything else
 * is the memory store. `runStoreConformance` must fail on it (the atomicity case).
 */
export function brokenStore(): BudgetStore {
  const inner = memoryStore();
  return {
    ...inner,
    name: "broken",
    async reserve(request): Promise<ReserveOutcome> {
      const balances = await inner.balances({
        keys: request.holds.map((hold) =>
          hold.rollingWindowMs === undefined
            ? { key: hold.key }
            : { key: hold.key, rollingWindowMs: hold.rollingWindowMs },
        ),
        nowMs: request.nowMs,
      });
      // The bug: yield between the read and the write.
      await new Promise((resolve) => setTimeout(resolve, 0));
      for (const [index, hold] of request.holds.entries()) {
        const balance = balances[index];
        if (!hold.enforce || !balance) continue;
        for (const limitKind of LIMIT_KINDS) {
          const limit = limitOfKind(hold.limits, limitKind);
          if (limit === undefined) continue;
          const spent = amountOfKind(balance.spent, limitKind);
          const held = amountOfKind(balance.held, limitKind);
          const requested = amountOfKind(hold.amount, limitKind);
          if (spent + held + requested > limit) {
            return {
              admitted: false,
              denied: { key: hold.key, limitKind, limit, spent, held, requested },
            };
          }
        }
      }
      // Write without a check: holds recorded as unenforced so the inner store cannot refuse.
      return inner.reserve({
        ...request,
        holds: request.holds.map((hold) => ({ ...hold, enforce: false })),
      });
    },
  };
}
