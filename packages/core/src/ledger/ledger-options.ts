import type { BudgetRule } from "../budget/budget-rule.js";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { UserPrices } from "../pricing/user-prices.js";
import type { BudgetStore } from "../store/store.js";
import type { TokenizerLoader } from "../tokenize/tokenizer.js";
import {
  anyValue,
  arrayOf,
  custom,
  formatIssues,
  integer,
  objectOf,
  oneOf,
  optional,
  recordOf,
  validate,
} from "../validation/index.js";
import type { AsyncContextClass } from "./context-scope.js";
import type { LedgerEventName } from "./types.js";

/** What to do with a model the catalog has no price for. */
export type UnknownModelPolicy =
  /** Refuse it when a USD budget applies to the call; otherwise record it unpriced (default). */
  | "auto"
  /** Always refuse with `UnknownModelError`. */
  | "refuse"
  /** Always record it unpriced (`priced: false`, cost `null`), with an `unpriced-model` event. */
  | "record";

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  /** Where budgets and records live. @default memoryStore() */
  store?: BudgetStore;
  /**
   * Your prices, USD per 1M tokens, keyed `provider:model` (they win over the catalog), e.g.
   * `{ "acme:my-model": { inputMtok: 0.5, outputMtok: 1.5 } }`.
   */
  prices?: UserPrices;
  /** Budget rules; a call is admitted only if every matching rule can hold it. */
  budgets?: readonly BudgetRule[];
  /** @default "auto" */
  unknownModel?: UnknownModelPolicy;
  /**
   * When the store does not answer: `closed` refuses calls with `StoreUnavailableError`,
   * `open` allows them and buffers writes until the store is back. Settlements are never
   * lost in either mode. @default "closed" when budgets are set, else "open"
   */
  failMode?: "closed" | "open";
  /** A store call slower than this counts as a failure. @default 2000 */
  storeTimeoutMs?: number;
  /** Holds of callers that never settle (crashed processes) free themselves after this. @default 600000 (10 min) */
  holdTtlMs?: number;
  /** Worst-case output when neither the call nor the catalog gives one. @default 4096 */
  defaultMaxOutputTokens?: number;
  /** Tokenizer loader for estimates, e.g. `jsTiktokenTokenizer` from `@tokenledger/core/tokenizers/js-tiktoken`. @default gpt-tokenizer, loaded lazily */
  tokenizer?: TokenizerLoader;
  /**
   * `AsyncLocalStorage` (the class), for `withContext`/`track` where the runtime does not
   * expose it itself. @default globalThis.AsyncLocalStorage, else from `node:async_hooks`
   * through `process.getBuiltinModule`; without either, only per-call `context` applies
   */
  asyncContext?: AsyncContextClass;
  /** Called for every event, besides listeners added with `ledger.on`. */
  onEvent?: (event: LedgerEventName, payload: unknown) => void;
  /** Clock, epoch ms. For tests and replays. @default Date.now */
  now?: () => number;
}

/** Options after validation, with defaults applied. */
export interface ResolvedLedgerOptions {
  store: BudgetStore | undefined;
  prices: UserPrices | undefined;
  budgets: readonly unknown[];
  unknownModel: UnknownModelPolicy;
  failMode: "closed" | "open";
  storeTimeoutMs: number;
  holdTtlMs: number;
  defaultMaxOutputTokens: number;
  tokenizer: TokenizerLoader | undefined;
  asyncContext: AsyncContextClass | undefined;
  onEvent: ((event: LedgerEventName, payload: unknown) => void) | undefined;
  now: () => number;
}

const isStore = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  ["reserve", "settle", "release", "balances", "claimOnce", "append", "query", "aggregate"].every(
    (method) => typeof (value as Record<string, unknown>)[method] === "function",
  );

const isFunction = (value: unknown): boolean => typeof value === "function";

const optionsCheck = objectOf({
  store: optional(
    custom<BudgetStore>(
      isStore,
      "must be a store object with reserve, settle, release, balances, claimOnce, append, query and aggregate (e.g. memoryStore())",
    ),
  ),
  prices: optional(recordOf(anyValue)),
  budgets: optional(arrayOf(anyValue)),
  unknownModel: optional(oneOf(["auto", "refuse", "record"])),
  failMode: optional(oneOf(["closed", "open"])),
  storeTimeoutMs: optional(integer({ min: 1 })),
  holdTtlMs: optional(integer({ min: 1000 })),
  defaultMaxOutputTokens: optional(integer({ min: 0 })),
  tokenizer: optional(
    custom<TokenizerLoader>(
      isFunction,
      "must be a tokenizer loader (encoding) => Tokenizer, e.g. jsTiktokenTokenizer from @tokenledger/core/tokenizers/js-tiktoken",
    ),
  ),
  asyncContext: optional(
    custom<AsyncContextClass>(
      isFunction,
      'must be the AsyncLocalStorage class, e.g. import { AsyncLocalStorage } from "node:async_hooks"',
    ),
  ),
  onEvent: optional(
    custom<(event: LedgerEventName, payload: unknown) => void>(
      isFunction,
      "must be a function (event, payload) => void",
    ),
  ),
  now: optional(
    custom<() => number>(isFunction, "must be a function returning epoch milliseconds"),
  ),
});

/** Validates {@link LedgerOptions} once, at construction. Throws `InvalidConfigError`. */
export function resolveLedgerOptions(options: unknown): ResolvedLedgerOptions {
  const result = validate(optionsCheck, options ?? {});
  if (!result.ok) {
    throw new InvalidConfigError({
      message: `Invalid createLedger options: ${formatIssues(result.error.issues)}.`,
      cause: result.error,
    });
  }
  const value = result.value;
  const budgets = value.budgets ?? [];
  return {
    store: value.store,
    prices: value.prices as UserPrices | undefined,
    budgets,
    unknownModel: value.unknownModel ?? "auto",
    failMode: value.failMode ?? (budgets.length > 0 ? "closed" : "open"),
    storeTimeoutMs: value.storeTimeoutMs ?? 2000,
    holdTtlMs: value.holdTtlMs ?? 600_000,
    defaultMaxOutputTokens: value.defaultMaxOutputTokens ?? 4096,
    tokenizer: value.tokenizer,
    asyncContext: value.asyncContext,
    onEvent: value.onEvent,
    now: value.now ?? Date.now,
  };
}
