import type { BudgetStore } from "@tokenledger/core";
import type { FaultTarget, StoreKind } from "./fault-target.js";
import { flakyStore } from "./flaky-store.js";
import { slowStore } from "./slow-store.js";
import type { FaultWindow } from "./wrap-store.js";

/** When a server fault starts (the first wave of callers is mid-call) and how long it lasts. */
const FAULT_START_MS = 250;
const OUTAGE_MS = 700;
/** One call in this many fails in the flaky fault. */
const FLAKY_EVERY_NTH = 7;

/** What a fault acts on while the workload runs. */
export interface FaultContext {
  target: FaultTarget;
  window: FaultWindow;
  storeTimeoutMs: number;
  /** Resolves when every caller of the workload is done. */
  callersDone: Promise<void>;
}

/** One fault: what it wraps the store in, and what it does during the workload. */
export interface Fault {
  readonly name: "none" | "pause" | "kill" | "restart" | "flaky" | "slow";
  readonly describe: string;
  readonly stores: readonly StoreKind[];
  wrap?(store: BudgetStore, window: FaultWindow, storeTimeoutMs: number): BudgetStore;
  /** Resolves when the fault is over (the server is back or the wrapper is switched off). */
  strike(context: FaultContext): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function serverOf(context: FaultContext) {
  const server = context.target.server;
  if (!server) throw new Error(`The ${context.target.kind} store has no server to fault`);
  return server;
}

const ALL: readonly StoreKind[] = ["memory", "redis", "postgres"];
const SERVERS: readonly StoreKind[] = ["redis", "postgres"];

/** Every fault of the suite, in table order. */
export const FAULTS: readonly Fault[] = [
  {
    name: "none",
    describe: "no fault (the baseline)",
    stores: ALL,
    strike: async () => {},
  },
  {
    name: "pause",
    describe: `SIGSTOP the server at ${FAULT_START_MS} ms, SIGCONT ${OUTAGE_MS} ms later`,
    stores: SERVERS,
    async strike(context) {
      const server = serverOf(context);
      await sleep(FAULT_START_MS);
      server.pause();
      try {
        await sleep(OUTAGE_MS);
      } finally {
        server.resume();
      }
    },
  },
  {
    name: "kill",
    describe: `SIGKILL the server at ${FAULT_START_MS} ms, start it ${OUTAGE_MS} ms later (same port and data)`,
    stores: SERVERS,
    async strike(context) {
      const server = serverOf(context);
      await sleep(FAULT_START_MS);
      await server.crash();
      await sleep(OUTAGE_MS);
      await server.start();
    },
  },
  {
    name: "restart",
    describe: `clean shutdown of the server at ${FAULT_START_MS} ms, started again at once`,
    stores: SERVERS,
    async strike(context) {
      const server = serverOf(context);
      await sleep(FAULT_START_MS);
      await server.stopCleanly();
      await server.start();
    },
  },
  {
    name: "flaky",
    describe: `1 store call in ${FLAKY_EVERY_NTH} fails with ECONNRESET while callers run (request or reply lost, alternately)`,
    stores: ALL,
    wrap: (store, window) => flakyStore(store, { everyNth: FLAKY_EVERY_NTH, window }),
    async strike(context) {
      context.window.active = true;
      await context.callersDone;
      context.window.active = false;
    },
  },
  {
    name: "slow",
    describe: `store calls delayed 0.5/0.9/1.1/1.5 × storeTimeoutMs for ${OUTAGE_MS} ms from ${FAULT_START_MS} ms`,
    stores: ALL,
    wrap: (store, window, storeTimeoutMs) =>
      slowStore(store, {
        delaysMs: [0.5, 0.9, 1.1, 1.5].map((factor) => factor * storeTimeoutMs),
        window,
      }),
    async strike(context) {
      await sleep(FAULT_START_MS);
      context.window.active = true;
      await sleep(OUTAGE_MS);
      context.window.active = false;
    },
  },
];
