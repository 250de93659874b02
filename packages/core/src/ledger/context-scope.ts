import { AsyncLocalStorage } from "node:async_hooks";
import type { LedgerContext, Totals } from "./types.js";

const emptyContext: LedgerContext = Object.freeze({});
/** Shared by every call outside `track` (no allocation per call). */
const noTracks: readonly Totals[] = Object.freeze([]);

/** Merges contexts left to right; later keys win, `undefined` values are skipped. */
export function mergeContext(...contexts: readonly (LedgerContext | undefined)[]): LedgerContext {
  let merged: LedgerContext | undefined;
  for (const context of contexts) {
    if (!context) continue;
    for (const key in context) {
      const value = context[key];
      if (value === undefined) continue;
      merged ??= {};
      merged[key] = value;
    }
  }
  return merged ?? emptyContext;
}

/**
 * Per-ledger async scopes: the context from `withContext` and the totals of the `track`
 * calls a piece of code runs inside (outermost first). Both follow `await`s and never leak
 * between concurrent scopes.
 */
export class ContextScope {
  readonly #context = new AsyncLocalStorage<LedgerContext>();
  readonly #tracks = new AsyncLocalStorage<readonly Totals[]>();

  current(): LedgerContext {
    return this.#context.getStore() ?? emptyContext;
  }

  withContext<T>(context: LedgerContext, fn: () => T): T {
    return this.#context.run(mergeContext(this.current(), context), fn);
  }

  /** The totals accumulators active here (empty when not inside `track`). */
  activeTracks(): readonly Totals[] {
    return this.#tracks.getStore() ?? noTracks;
  }

  withTrack<T>(totals: Totals, fn: () => T): T {
    return this.#tracks.run([...this.activeTracks(), totals], fn);
  }
}
