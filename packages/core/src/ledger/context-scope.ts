import type { LedgerEmitter } from "./event-emitter.js";
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

/** The part of `AsyncLocalStorage` a ledger uses. */
export interface AsyncContextStorage<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
}

/**
 * `AsyncLocalStorage` (the class), as `node:async_hooks` exports it. Pass it as
 * `createLedger({ asyncContext })` where the runtime has it under another name.
 */
export type AsyncContextClass = new () => AsyncContextStorage<unknown>;

interface RuntimeGlobals {
  AsyncLocalStorage?: unknown;
  process?: { getBuiltinModule?: (id: string) => unknown };
}

/**
 * The runtime's `AsyncLocalStorage`, found without importing a Node built-in (so the main
 * entry bundles for any platform): `globalThis.AsyncLocalStorage` (Vercel Edge, edge-runtime),
 * else `process.getBuiltinModule("node:async_hooks")` (Node ≥ 20.16, Bun, Deno, Cloudflare
 * Workers with the `nodejs_compat` flag). `undefined` where neither exists.
 */
export function findAsyncContext(): AsyncContextClass | undefined {
  const runtime = globalThis as RuntimeGlobals;
  if (typeof runtime.AsyncLocalStorage === "function") {
    return runtime.AsyncLocalStorage as AsyncContextClass;
  }
  const getBuiltinModule = runtime.process?.getBuiltinModule;
  if (typeof getBuiltinModule !== "function") return undefined;
  try {
    const hooks = getBuiltinModule.call(runtime.process, "node:async_hooks") as
      | { AsyncLocalStorage?: unknown }
      | undefined;
    return typeof hooks?.AsyncLocalStorage === "function"
      ? (hooks.AsyncLocalStorage as AsyncContextClass)
      : undefined;
  } catch {
    // A runtime that names the module but refuses it (a sandbox): explicit context only.
    return undefined;
  }
}

/** What a ledger is told once when `withContext` or `track` cannot follow `await`s. */
export const CONTEXT_UNAVAILABLE_MESSAGE: string =
  "This runtime has no AsyncLocalStorage, so ledger.withContext and ledger.track cannot follow awaits: " +
  "the context and totals do not reach the calls made inside them. Pass `context` on each call " +
  "(providerOptions.tokenledger in the AI SDK), or give the ledger AsyncLocalStorage: " +
  'createLedger({ asyncContext: AsyncLocalStorage }) with AsyncLocalStorage from "node:async_hooks" ' +
  '(Cloudflare Workers: enable the "nodejs_compat" compatibility flag).';

/** Options of {@link ContextScope}. */
export interface ContextScopeOptions {
  /** The `AsyncLocalStorage` class to use. @default {@link findAsyncContext}() */
  asyncContext?: AsyncContextClass | undefined;
  /**
   * Told once, the first time `withContext` or `track` runs without AsyncLocalStorage: a
   * `context-unavailable` event, or `console.warn` when nothing listens.
   */
  emitter?: LedgerEmitter | undefined;
}

/**
 * Per-ledger async scopes: the context from `withContext` and the totals of the `track`
 * calls a piece of code runs inside (outermost first). Both follow `await`s and never leak
 * between concurrent scopes.
 *
 * Without AsyncLocalStorage (a runtime that lacks it), `withContext` and `track` still run
 * their function, but nothing inside sees the context or adds to the totals: calls carry only
 * their explicit `context`. The first such use emits `context-unavailable` once.
 */
export class ContextScope {
  readonly #context: AsyncContextStorage<LedgerContext> | undefined;
  readonly #tracks: AsyncContextStorage<readonly Totals[]> | undefined;
  readonly #emitter: LedgerEmitter | undefined;
  #warned = false;

  constructor(options: ContextScopeOptions = {}) {
    const AsyncContext = options.asyncContext ?? findAsyncContext();
    this.#context = AsyncContext && (new AsyncContext() as AsyncContextStorage<LedgerContext>);
    this.#tracks = AsyncContext && (new AsyncContext() as AsyncContextStorage<readonly Totals[]>);
    this.#emitter = options.emitter;
  }

  /** False where context cannot follow `await`s (no AsyncLocalStorage). */
  get followsAwaits(): boolean {
    return this.#context !== undefined;
  }

  current(): LedgerContext {
    return this.#context?.getStore() ?? emptyContext;
  }

  withContext<T>(context: LedgerContext, fn: () => T): T {
    if (this.#context === undefined) {
      this.#warnOnce("withContext");
      return fn();
    }
    return this.#context.run(mergeContext(this.current(), context), fn);
  }

  /** The totals accumulators active here (empty when not inside `track`). */
  activeTracks(): readonly Totals[] {
    return this.#tracks?.getStore() ?? noTracks;
  }

  withTrack<T>(totals: Totals, fn: () => T): T {
    if (this.#tracks === undefined) {
      this.#warnOnce("track");
      return fn();
    }
    return this.#tracks.run([...this.activeTracks(), totals], fn);
  }

  #warnOnce(usedBy: "withContext" | "track"): void {
    if (this.#warned) return;
    this.#warned = true;
    const payload = { usedBy, message: CONTEXT_UNAVAILABLE_MESSAGE };
    if (this.#emitter?.has("context-unavailable")) {
      this.#emitter.emit("context-unavailable", payload);
    } else {
      console.warn(`[tokenledger] ${CONTEXT_UNAVAILABLE_MESSAGE}`);
    }
  }
}
