import type { BudgetRule } from "../budget/budget-rule.js";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { Catalog } from "../pricing/create-catalog.js";
import type { UserPrices } from "../pricing/user-prices.js";
import type { BudgetStore } from "../store/store.js";
import type { TokenizerLoader } from "../tokenize/tokenizer.js";
import {
  anyValue,
  arrayOf,
  custom,
  formatIssues,
  integer,
  number,
  objectOf,
  oneOf,
  optional,
  recordOf,
  refine,
  string,
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

/** What to do with a call that lacks the context key a budget scopes on. */
export type MissingScopePolicy =
  /** Refuse the call with `UnscopedCallError`. */
  | "deny"
  /** Let it through (that budget does not hold it) and emit an `unscoped-call` event (default). */
  | "warn"
  /** Let it through silently. */
  | "skip";

/** Context keys every ledger knows; `contextKeys` adds to them. */
export const STANDARD_CONTEXT_KEYS: readonly string[] = ["userId", "teamId", "feature", "tags"];

/** The longest timer `setTimeout` honours (2^31 - 1 ms); a longer one fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Options of {@link createLedger}. */
export interface LedgerOptions {
  /** Where budgets and records live. @default memoryStore() */
  store?: BudgetStore;
  /**
   * Your prices, USD per 1M tokens, keyed `provider:model` (they win over the catalog), e.g.
   * `{ "acme:my-model": { inputMtok: 0.5, outputMtok: 1.5 } }`, or a whole catalog:
   * `createCatalog({...})`, `remoteCatalog()` (prices that refresh themselves).
   */
  prices?: UserPrices | Catalog;
  /** Budget rules; a call is admitted only if every matching rule can hold it. */
  budgets?: readonly BudgetRule[];
  /**
   * Context keys your budgets may scope by, besides `userId`, `teamId`, `feature` and `tags`
   * (contract). A budget whose `scope` is neither `"global"` nor a declared key is refused at
   * construction, so a typo (`"user"`) cannot switch a budget off.
   */
  contextKeys?: readonly string[];
  /** A call lacking a budget's context key: refuse it, warn (`unscoped-call`), or skip. @default "warn" */
  missingScope?: MissingScopePolicy;
  /** @default "auto" */
  unknownModel?: UnknownModelPolicy;
  /**
   * When the store does not answer: `closed` refuses calls with `StoreUnavailableError`,
   * `open` allows them and buffers writes until the store is back. Settlements are never
   * lost in either mode. @default "closed" when budgets are set, else "open"
   */
  failMode?: "closed" | "open";
  /**
   * A store call slower than this counts as a failure; no caller waits on the store longer.
   * At most 2^31 - 1. @default 2000
   */
  storeTimeoutMs?: number;
  /**
   * Writes (settlements, records, releases) kept in memory while the store is down. Past it the
   * oldest is given up with a `dropped` event naming it. @default 10000
   */
  maxBufferedWrites?: number;
  /** How long `close()` tries to write what is buffered before it gives up and reports it. @default 5000 */
  closeTimeoutMs?: number;
  /** Holds of callers that never settle (crashed processes) free themselves after this. @default 600000 (10 min) */
  holdTtlMs?: number;
  /** Worst-case output when neither the call nor the catalog gives one. @default 4096 */
  defaultMaxOutputTokens?: number;
  /**
   * When a provider or gateway reports what it billed (`SettleMeta.providerReportedCostUsd`),
   * a `cost-mismatch` event fires if it differs from the computed cost by more than BOTH the
   * relative and the absolute tolerance. @default { relative: 0.02, absoluteUsd: 0.000001 }
   */
  costMismatchTolerance?: { relative?: number; absoluteUsd?: number };
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
  prices: UserPrices | Catalog | undefined;
  budgets: readonly unknown[];
  contextKeys: readonly string[];
  missingScope: MissingScopePolicy;
  unknownModel: UnknownModelPolicy;
  failMode: "closed" | "open";
  storeTimeoutMs: number;
  maxBufferedWrites: number;
  closeTimeoutMs: number;
  holdTtlMs: number;
  defaultMaxOutputTokens: number;
  costMismatchTolerance: { relative: number; absoluteNanoUsd: number };
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

/** Largest output cap the ledger accepts (no model comes near; keeps a hold's arithmetic exact). */
export const MAX_OUTPUT_TOKENS = 1_000_000_000;

const contextKeyCheck = refine(
  string("each context key must be a string"),
  (key) => key !== "" && key !== "global",
  'context keys must be non-empty and not "global" (the scope of budgets that hold every call)',
);

const optionsCheck = objectOf({
  store: optional(
    custom<BudgetStore>(
      isStore,
      "must be a store object with reserve, settle, release, balances, claimOnce, append, query and aggregate (e.g. memoryStore())",
    ),
  ),
  prices: optional(recordOf(anyValue)),
  budgets: optional(arrayOf(anyValue)),
  contextKeys: optional(arrayOf(contextKeyCheck)),
  missingScope: optional(oneOf(["deny", "warn", "skip"])),
  unknownModel: optional(oneOf(["auto", "refuse", "record"])),
  failMode: optional(oneOf(["closed", "open"])),
  storeTimeoutMs: optional(integer({ min: 1, max: MAX_TIMER_MS })),
  maxBufferedWrites: optional(integer({ min: 1, max: 10_000_000 })),
  closeTimeoutMs: optional(integer({ min: 0, max: MAX_TIMER_MS })),
  holdTtlMs: optional(integer({ min: 1000, max: MAX_TIMER_MS })),
  defaultMaxOutputTokens: optional(integer({ min: 0, max: MAX_OUTPUT_TOKENS })),
  costMismatchTolerance: optional(
    objectOf({
      relative: optional(refine(number(), (value: number) => value >= 0, "must be ≥ 0")),
      absoluteUsd: optional(refine(number(), (value: number) => value >= 0, "must be ≥ 0")),
    }),
  ),
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
    prices: value.prices as UserPrices | Catalog | undefined,
    budgets,
    contextKeys: [...new Set([...STANDARD_CONTEXT_KEYS, ...(value.contextKeys ?? [])])],
    missingScope: value.missingScope ?? "warn",
    unknownModel: value.unknownModel ?? "auto",
    failMode: value.failMode ?? (budgets.length > 0 ? "closed" : "open"),
    storeTimeoutMs: value.storeTimeoutMs ?? 2000,
    maxBufferedWrites: value.maxBufferedWrites ?? 10_000,
    closeTimeoutMs: value.closeTimeoutMs ?? 5000,
    holdTtlMs: value.holdTtlMs ?? 600_000,
    defaultMaxOutputTokens: value.defaultMaxOutputTokens ?? 4096,
    costMismatchTolerance: {
      relative: value.costMismatchTolerance?.relative ?? 0.02,
      absoluteNanoUsd: Math.round((value.costMismatchTolerance?.absoluteUsd ?? 0.000001) * 1e9),
    },
    tokenizer: value.tokenizer,
    asyncContext: value.asyncContext,
    onEvent: value.onEvent,
    now: value.now ?? Date.now,
  };
}
