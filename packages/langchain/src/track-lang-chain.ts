import { registerConfigureHook, setContextVariable } from "@langchain/core/context";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import type { Ledger, Totals } from "@tokenledger/core";
import {
  LedgerCallbackHandler,
  type LedgerCallbackHandlerOptions,
} from "./ledger-callback-handler.js";

/** What {@link trackLangChain} returns. */
export interface TrackLangChainResult<T> {
  result: T;
  /** Everything booked by the LangChain runs inside the scope (`get_openai_callback` fields). */
  totals: Totals;
  /** The scope's own handler (for `runTotals`). */
  handler: LedgerCallbackHandler;
}

/**
 * A copy of the current async-local store that `run()` will actually scope: Node skips
 * scoping when the store object is the same one, so `setContextVariable` (which uses
 * `enterWith`) would leak into the caller (research §6). The prototype is kept so a LangSmith
 * `RunTree` parent stays a `RunTree`.
 */
function copyOfStore(store: unknown): object {
  if (store === null || typeof store !== "object") return {};
  return Object.assign(Object.create(Object.getPrototypeOf(store) as object | null), store);
}

/**
 * The `with get_openai_callback() as cb:` of LangChain.js: runs `fn` with a fresh
 * {@link LedgerCallbackHandler} attached to every LangChain run started inside it (through
 * `registerConfigureHook`), without passing `callbacks` anywhere. Budgets are enforced as
 * with the handler; concurrent scopes are counted apart; a scope nested in another counts in
 * both, and the ledger books each call once.
 *
 * When `fn` returns, model runs still open inside the scope (abandoned streams) are settled
 * from what they streamed. If `fn` throws, the error is re-thrown after that; read partial
 * totals from the handler `fn` receives.
 *
 * @example
 * const { result, totals } = await trackLangChain(ledger, () => chain.invoke({ topic }));
 * console.log(totals.totalTokens, totals.totalCostUsd);
 */
export async function trackLangChain<T>(
  ledger: Ledger,
  fn: (handler: LedgerCallbackHandler) => T | Promise<T>,
  options?: LedgerCallbackHandlerOptions,
): Promise<TrackLangChainResult<T>> {
  const handler = new LedgerCallbackHandler(ledger, options);
  const storage = AsyncLocalStorageProviderSingleton.getInstance();
  let result: T;
  try {
    result = await storage.run(copyOfStore(storage.getStore()), async () => {
      // Hooks live in a context variable too, so registering inside the copy keeps it scoped.
      registerConfigureHook({ contextVar: handler.name, inheritable: true });
      setContextVariable(handler.name, handler);
      return fn(handler);
    });
  } finally {
    await handler.settleOpenRuns("scope-ended");
  }
  return { result, totals: handler.totals, handler };
}
