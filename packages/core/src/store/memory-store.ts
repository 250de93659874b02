import { InvalidConfigError } from "../errors/invalid-config-error.js";
import {
  arrayOf,
  formatIssues,
  integer,
  objectOf,
  optional,
  string,
  validate,
} from "../validation/index.js";
import { checkStoreAmounts } from "./check-store-amounts.js";
import { MemoryBudgetState } from "./memory-budget-state.js";
import { MemoryRecordLog } from "./memory-record-log.js";
import type { BudgetStore } from "./store.js";

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions {
  /** Newest records kept raw for `query`; older ones are rolled up for `aggregate`. Default 100_000. */
  maxRecords?: number;
  /**
   * Context keys whose values keep per-day sums after records roll up. Default: every key.
   * Limit it when a key has huge cardinality (request ids) you never report on.
   */
  rollupContextKeys?: readonly string[];
  /** How long settled/released reservation ids are remembered, so a retried settle counts once. Default 15 minutes. */
  idRetentionMs?: number;
  /**
   * Most settled/released ids remembered (one small entry each); past it the oldest are
   * forgotten first, so a busy process keeps a shorter idempotency window, not more memory.
   * Default 100_000.
   */
  maxRememberedIds?: number;
  /** Minimum time between sweeps of expired holds, buckets and claims. Default 10 seconds. */
  sweepIntervalMs?: number;
}

/** The memory store plus introspection for tests and dashboards. */
export interface MemoryStore extends BudgetStore {
  /** Raw records kept, records rolled up, live buckets/reservations/claims. */
  stats(): {
    records: number;
    rolledUpRecords: number;
    buckets: number;
    reservations: number;
    claims: number;
  };
}

const optionsCheck = objectOf({
  maxRecords: optional(integer({ min: 0 })),
  rollupContextKeys: optional(arrayOf(string())),
  idRetentionMs: optional(integer({ min: 0 })),
  maxRememberedIds: optional(integer({ min: 0 })),
  sweepIntervalMs: optional(integer({ min: 0 })),
});

const MINUTE_MS = 60_000;

/**
 * The default store: budgets and ledger in this process's memory (contract). Atomic because
 * every operation runs from read to write without yielding; bounded because holds, calendar
 * buckets, rolling entries and idempotency ids expire (swept lazily on access — no timers), and
 * only the newest `maxRecords` records stay raw.
 *
 * Roll-up: records past `maxRecords` are folded into sums per UTC day × provider × model × kind ×
 * status, and per context key/value on top. `aggregate` stays exact for any grouping of
 * `model`, `provider`, `day`, `status`, `kind` plus at most ONE context key (as group or filter);
 * time bounds then apply to whole UTC days. Queries on two or more context keys count only raw
 * records. `query` returns only raw records.
 *
 * Not shared across processes: use `redisStore` or `postgresStore` for that.
 */
export function memoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const result = validate(optionsCheck, options);
  if (!result.ok) {
    throw new InvalidConfigError({
      message: `Invalid memoryStore options: ${formatIssues(result.error.issues)}. maxRecords, idRetentionMs, maxRememberedIds and sweepIntervalMs are non-negative integers.`,
      cause: result.error,
    });
  }
  const budget = new MemoryBudgetState({
    idRetentionMs: options.idRetentionMs ?? 15 * MINUTE_MS,
    maxRememberedIds: options.maxRememberedIds ?? 100_000,
    sweepIntervalMs: options.sweepIntervalMs ?? 10_000,
  });
  const log = new MemoryRecordLog(options.maxRecords ?? 100_000, options.rollupContextKeys);
  return {
    name: "memory",
    inProcess: true,
    reserve: async (request) => {
      checkStoreAmounts("reserve", request);
      return budget.reserve(request);
    },
    settle: async (request) => {
      checkStoreAmounts("settle", request);
      return budget.settle(request);
    },
    release: async (request) => budget.release(request.id, request.nowMs),
    balances: async (request) => budget.balances(request.keys, request.nowMs),
    claimOnce: async (request) => budget.claimOnce(request),
    append: async (records) => log.append(records),
    query: async (query) => log.query(query),
    aggregate: async (query) => log.aggregate(query),
    close: async () => {},
    stats: () => ({ records: log.size, rolledUpRecords: log.rolledUpCount, ...budget.sizes }),
  };
}
