import type { BudgetStore } from "@tokenledger/core";

/** The store calls a wrapper can intercept. */
export type StoreMethod =
  | "reserve"
  | "settle"
  | "release"
  | "balances"
  | "claimOnce"
  | "append"
  | "query"
  | "aggregate";

/** Runs one store call (`call`) the way a fault wants: delayed, failed, or as is. */
export type AroundStoreCall = <T>(method: StoreMethod, call: () => Promise<T>) => Promise<T>;

/**
 * A store that sends every call of `store` through `around`. The result is never `inProcess`:
 * a wrapped store stands for one behind a socket, so the ledger puts its time limit on it.
 */
export function wrapStore(store: BudgetStore, name: string, around: AroundStoreCall): BudgetStore {
  return {
    name,
    reserve: (request) => around("reserve", () => store.reserve(request)),
    settle: (request) => around("settle", () => store.settle(request)),
    release: (request) => around("release", () => store.release(request)),
    balances: (request) => around("balances", () => store.balances(request)),
    claimOnce: (request) => around("claimOnce", () => store.claimOnce(request)),
    append: (records) => around("append", () => store.append(records)),
    query: (query) => around("query", () => store.query(query)),
    aggregate: (query) => around("aggregate", () => store.aggregate(query)),
    close: async () => {
      await store.close?.();
    },
  };
}

/** Turns a wrapper's fault on and off while the workload runs. */
export interface FaultWindow {
  active: boolean;
}
