import { exceededLimit } from "../store/amounts.js";
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
        const denied = exceededLimit(hold.key, hold.limits, balance, hold.amount);
        if (denied) return { admitted: false, denied };
      }
      // Write without a check: holds recorded as unenforced so the inner store cannot refuse.
      return inner.reserve({
        ...request,
        holds: request.holds.map((hold) => ({ ...hold, enforce: false })),
      });
    },
  };
}
