import type { BudgetStore } from "@tokenledger/core";
import { processTree } from "../src/store/__fixtures__/test-server-process.js";

/** The stores the suite runs against. */
export type StoreKind = "memory" | "redis" | "postgres";

/** A store opened on a fresh namespace (Redis prefix, Postgres table prefix). */
export interface OpenedStore {
  /** The store the ledger under test uses (its client configured as the store's README says). */
  store: BudgetStore;
  /** The same namespace through a new connection, to read what landed after recovery. */
  openReader(): Promise<{ store: BudgetStore; close(): Promise<void> }>;
  /** Closes the ledger's client. */
  close(): Promise<void>;
}

/** Signals to the server process behind a store. */
export interface ServerControl {
  /** SIGSTOP the server's process group: connections stay open, nothing answers. */
  pause(): void;
  /** SIGCONT after {@link ServerControl.pause}. */
  resume(): void;
  /** SIGKILL (a crash). */
  crash(): Promise<void>;
  /** A clean shutdown (Redis SIGTERM, Postgres fast shutdown). */
  stopCleanly(): Promise<void>;
  /** Starts it again on the same port and data dir; resolves once it accepts connections. */
  start(): Promise<void>;
}

/** One store kind with its server, if it has one. */
export interface FaultTarget {
  readonly kind: StoreKind;
  readonly server: ServerControl | undefined;
  open(namespace: string): Promise<OpenedStore>;
  /** Stops the server and removes its files. */
  stop(): Promise<void>;
}

/** Servers paused by {@link signalTree}: resumed if the suite exits mid-pause (killed backends that are stopped never die). */
const pausedTrees = new Set<number>();
process.on("exit", () => {
  for (const pid of pausedTrees) signalTree(pid, "SIGCONT");
});

/**
 * Sends `signal` to a server and every process below it. Not to its process group: Postgres
 * backends make themselves group leaders (setsid), so a group signal reaches only the postmaster.
 */
export function signalTree(pid: number, signal: NodeJS.Signals): void {
  if (signal === "SIGSTOP") pausedTrees.add(pid);
  if (signal === "SIGCONT") pausedTrees.delete(pid);
  for (const member of processTree(pid)) {
    try {
      process.kill(member, signal);
    } catch {
      // exited meanwhile
    }
  }
}
