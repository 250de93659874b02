import type { BudgetStore } from "@tokenledger/core";
import { type FaultWindow, wrapStore } from "./wrap-store.js";

/** Options of {@link flakyStore}. */
export interface FlakyStoreOptions {
  /** One call in this many fails while the window is active. */
  everyNth: number;
  window: FaultWindow;
}

/** An error shaped like a dropped connection (what ioredis and pg reject with). */
function connectionReset(): Error {
  return Object.assign(new Error("read ECONNRESET (injected by the fault suite)"), {
    code: "ECONNRESET",
  });
}

/**
 * A store whose every `everyNth` call fails with a connection-like error while `window.active`.
 * Failures alternate between a lost request (the call never reaches the store) and a lost reply
 * (the call lands, then the caller sees the error): a reserve or settle that landed but "failed"
 * is the case that leaks holds or doubles charges when retries are not idempotent.
 */
export function flakyStore(store: BudgetStore, options: FlakyStoreOptions): BudgetStore {
  let calls = 0;
  let failures = 0;
  return wrapStore(store, `${store.name}+flaky`, async (_method, call) => {
    if (!options.window.active) return call();
    calls += 1;
    if (calls % options.everyNth !== 0) return call();
    failures += 1;
    if (failures % 2 === 1) throw connectionReset();
    await call().catch(() => undefined);
    throw connectionReset();
  });
}
