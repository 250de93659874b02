import type { BudgetStore } from "@tokenledger/core";
import { type FaultWindow, wrapStore } from "./wrap-store.js";

/** Options of {@link slowStore}. */
export interface SlowStoreOptions {
  /** Delays of successive calls, cycled, while the window is active. */
  delaysMs: readonly number[];
  window: FaultWindow;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A store whose calls are delayed before they reach it while `window.active`. With delays on
 * both sides of the ledger's `storeTimeoutMs`, some calls land after their caller gave up, and a
 * later call (the ledger's release of a timed-out reserve) can overtake an earlier one.
 */
export function slowStore(store: BudgetStore, options: SlowStoreOptions): BudgetStore {
  let calls = 0;
  return wrapStore(store, `${store.name}+slow`, async (_method, call) => {
    if (!options.window.active) return call();
    const delayMs = options.delaysMs[calls % options.delaysMs.length] ?? 0;
    calls += 1;
    await sleep(delayMs);
    return call();
  });
}
