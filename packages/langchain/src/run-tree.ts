import { type Totals, totalsOf } from "@tokenledger/core";

/** A top-level run (one `invoke`/`stream`/`batch` item) and what its subtree spent. */
export interface RootRun {
  runId: string;
  runName: string | undefined;
  totals: Totals;
  /** Every run id seen in the subtree, root included (freed when the root ends). */
  runIds: Set<string>;
}

interface RunNode {
  parentRunId: string | undefined;
  rootRunId: string;
}

/**
 * The `runId → parentRunId` tree of every run a handler has seen start, grouped by top-level
 * run. A run whose parent was never seen (the handler was attached below it) is its own root,
 * so every root is one the handler will see end.
 */
export class RunTree {
  readonly #nodes = new Map<string, RunNode>();
  readonly #roots = new Map<string, RootRun>();

  /** Adds a run; returns its top-level run id. Starting a known run again changes nothing. */
  start(runId: string, parentRunId: string | undefined, runName: string | undefined): string {
    const known = this.#nodes.get(runId);
    if (known) return known.rootRunId;
    const parent = parentRunId === undefined ? undefined : this.#nodes.get(parentRunId);
    const rootRunId = parent ? parent.rootRunId : runId;
    this.#nodes.set(runId, { parentRunId: parent ? parentRunId : undefined, rootRunId });
    let root = this.#roots.get(rootRunId);
    if (!root) {
      root = { runId: rootRunId, runName, totals: totalsOf([]), runIds: new Set() };
      this.#roots.set(rootRunId, root);
    }
    root.runIds.add(runId);
    return rootRunId;
  }

  /** The top-level run in flight that `runId` belongs to. */
  rootOf(runId: string): RootRun | undefined {
    const node = this.#nodes.get(runId);
    return node ? this.#roots.get(node.rootRunId) : undefined;
  }

  /** True when `ancestorRunId` is `runId` or one of its parents. */
  isWithin(runId: string, ancestorRunId: string): boolean {
    let current: string | undefined = runId;
    while (current !== undefined) {
      if (current === ancestorRunId) return true;
      current = this.#nodes.get(current)?.parentRunId;
    }
    return false;
  }

  /** True when `runId` is a top-level run still in flight. */
  isRoot(runId: string): boolean {
    return this.#roots.has(runId);
  }

  /** Forgets a top-level run and its whole subtree; returns it. */
  finish(rootRunId: string): RootRun | undefined {
    const root = this.#roots.get(rootRunId);
    if (!root) return undefined;
    for (const runId of root.runIds) this.#nodes.delete(runId);
    this.#roots.delete(rootRunId);
    return root;
  }

  /** Runs in flight (for tests and leak checks). */
  get size(): number {
    return this.#nodes.size;
  }
}
