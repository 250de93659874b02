import type { BudgetRule } from "../../budget/budget-rule.js";
import { createLedger } from "../../ledger/create-ledger.js";
import type { Ledger } from "../../ledger/types.js";
import type { UserPrices } from "../../pricing/user-prices.js";

/**
 * Test prices, USD per 1M tokens: `acme:big` $3 in / $15 out with cache reads at $0.30 and
 * cache writes at $3.75 (Anthropic-like); `acme:big-mini` $0.30 / $1.20; `acme:mid` $1 / $5;
 * `acme:nocache` $3 / $15 and no cache price.
 */
export const TEST_PRICES: UserPrices = {
  "acme:big": { inputMtok: 3, outputMtok: 15, cacheReadMtok: 0.3, cacheWriteMtok: 3.75 },
  "acme:big-mini": { inputMtok: 0.3, outputMtok: 1.2 },
  "acme:mid": { inputMtok: 1, outputMtok: 5 },
  "acme:nocache": { inputMtok: 3, outputMtok: 15 },
};

/** A ledger on the test prices whose clock the test moves. */
export function testLedger(options: { startIso?: string; budgets?: BudgetRule[] } = {}): {
  ledger: Ledger;
  clock: { nowMs: number; advance(ms: number): void; set(iso: string): void };
} {
  const clock = {
    nowMs: Date.parse(options.startIso ?? "2026-11-22T10:00:00.000Z"),
    advance(ms: number) {
      clock.nowMs += ms;
    },
    set(iso: string) {
      clock.nowMs = Date.parse(iso);
    },
  };
  const ledger = createLedger({
    prices: TEST_PRICES,
    now: () => clock.nowMs,
    ...(options.budgets ? { budgets: options.budgets } : {}),
  });
  return { ledger, clock };
}
