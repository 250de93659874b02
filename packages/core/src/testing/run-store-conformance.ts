import type { BudgetStore } from "../store/store.js";
import { createConformanceAssert } from "./conformance-assert.js";
import type {
  ConformanceCase,
  ConformanceContext,
  ConformanceRunner,
  MakeStore,
  StoreConformanceOptions,
} from "./conformance-types.js";
import { ledgerConformanceCases } from "./ledger-conformance-cases.js";
import { limitConformanceCases } from "./limit-conformance-cases.js";
import { numberConformanceCases } from "./number-conformance-cases.js";
import { reserveConformanceCases } from "./reserve-conformance-cases.js";
import { settleConformanceCases } from "./settle-conformance-cases.js";
import { stateConformanceCases } from "./state-conformance-cases.js";
import { textConformanceCases } from "./text-conformance-cases.js";
import { windowConformanceCases } from "./window-conformance-cases.js";

/** Every case of the suite, in order. */
export const storeConformanceCases: readonly ConformanceCase[] = [
  ...reserveConformanceCases,
  ...limitConformanceCases,
  ...numberConformanceCases,
  ...settleConformanceCases,
  ...stateConformanceCases,
  ...windowConformanceCases,
  ...ledgerConformanceCases,
  ...textConformanceCases,
];

let runCounter = 0;

const uniqueRunId = (): string => {
  runCounter += 1;
  const random = globalThis.crypto?.randomUUID?.() ?? Math.random().toString(36).slice(2);
  return `conformance-${random.slice(0, 8)}-${runCounter}`;
};

/**
 * Registers the store conformance suite (contract) with your test runner: atomicity under 200
 * concurrent reserves, all-or-nothing holds, each limit kind, hold TTL, idempotent reserve /
 * settle / release, overspend, calendar expiry, rolling windows, `claimOnce`, ledger queries
 * and aggregates, values past 2^32. Time moves through `nowMs` in requests, never by sleeping.
 * Every case uses keys and record contexts unique to it, so a shared backend works.
 *
 * @example
 * import { describe, it, expect } from "vitest";
 * import { runStoreConformance } from "@tokenledger/core/testing";
 * runStoreConformance({ describe, it, expect }, () => myStore({ prefix: `t:${crypto.randomUUID()}:` }));
 */
export function runStoreConformance(
  runner: ConformanceRunner,
  makeStore: MakeStore,
  options: StoreConformanceOptions = {},
): void {
  const timeScale = options.timeScale ?? 1;
  const cleanup = async (store: BudgetStore): Promise<void> => {
    if (options.cleanup) await options.cleanup(store);
    else await store.close?.();
  };
  runner.describe(`store conformance${options.name ? ` [${options.name}]` : ""}`, () => {
    for (const testCase of storeConformanceCases) {
      if (testCase.requires === "isolated" && options.isolated === false) continue;
      runner.it(testCase.name, async () => {
        const store = await makeStore();
        const storeName = options.name ?? store.name;
        const run = uniqueRunId();
        const baseMs = Date.now();
        const context: ConformanceContext = {
          store,
          storeName,
          makeStore,
          cleanup,
          run,
          baseMs,
          at: (offsetMs) => baseMs + offsetMs * timeScale,
          span: (offsetMs) => offsetMs * timeScale,
          key: (name) => `${run}:${name}`,
          assert: createConformanceAssert(storeName),
        };
        try {
          await testCase.run(context);
        } finally {
          await cleanup(store);
        }
      });
    }
  });
}
