import type { BudgetStore } from "../store/store.js";
import type { ConformanceAssert } from "./conformance-assert.js";

/**
 * The test registrar of any runner: vitest and jest `{ describe, it }`, or `node:test`.
 * `expect` is accepted (so `{ describe, it, expect }` can be passed as-is) but not used: the
 * suite asserts itself, so failure messages name the store and the broken contract.
 */
export interface ConformanceRunner {
  describe(name: string, body: () => void): unknown;
  it(name: string, body: () => Promise<void>): unknown;
  expect?: unknown;
}

/** Builds a fresh store for one case. */
export type MakeStore = () => BudgetStore | Promise<BudgetStore>;

/** Options of `runStoreConformance`. */
export interface StoreConformanceOptions {
  /** Name in test titles and failure messages. Default: the store's `name`. */
  name?: string;
  /** Runs after each case. Default: `store.close?.()`. */
  cleanup?: (store: BudgetStore) => void | Promise<void>;
  /** Multiplies every time step of the cases (for stores with coarse expiry). Default 1. */
  timeScale?: number;
  /** Two stores from `makeStore` must not share state. Set `false` for a shared backend. Default true. */
  isolated?: boolean;
}

/** What each case gets. Keys and record contexts are unique per case, so shared backends work. */
export interface ConformanceContext {
  store: BudgetStore;
  storeName: string;
  makeStore: MakeStore;
  cleanup: (store: BudgetStore) => Promise<void>;
  /** Unique id of this case run (prefix keys and record contexts with it). */
  run: string;
  /** `Date.now()` when the case started: the epoch all `nowMs` are offset from. */
  baseMs: number;
  /** `baseMs + offsetMs × timeScale`. */
  at(offsetMs: number): number;
  /** `offsetMs × timeScale`. */
  span(offsetMs: number): number;
  /** A bucket key unique to this case. */
  key(name: string): string;
  assert: ConformanceAssert;
}

/** One conformance case. */
export interface ConformanceCase {
  name: string;
  run(context: ConformanceContext): Promise<void>;
  /** Skip unless the suite's options allow it. */
  requires?: "isolated";
}
