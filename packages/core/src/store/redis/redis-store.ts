import { InvalidConfigError } from "../../errors/invalid-config-error.js";
import {
  arrayOf,
  custom,
  formatIssues,
  integer,
  objectOf,
  optional,
  refine,
  string,
  validate,
} from "../../validation/index.js";
import type { BudgetStore } from "../store.js";
import { guardStoreCall } from "./guard-store-call.js";
import { amountArguments, bucketSlots, parseBalanceNumbers } from "./redis-budget-args.js";
import {
  BALANCES_SCRIPT,
  CLAIM_SCRIPT,
  RELEASE_SCRIPT,
  SETTLE_SCRIPT,
} from "./redis-budget-scripts.js";
import { createScriptRunner, type RedisClientLike } from "./redis-client.js";
import { isRedisInputError } from "./redis-input-error.js";
import { encodeKeyPart, type RedisKeyspace, redisKeyspace } from "./redis-keys.js";
import { RedisRecordLog } from "./redis-record-log.js";
import { createReserveBatcher, reserveEntry } from "./redis-reserve-batcher.js";
import { expiryArgument, integerArgument } from "./store-integers.js";

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** An ioredis client or a connected node-redis v4+ client. It stays yours: `close()` does not quit it. */
  client: RedisClientLike;
  /**
   * Prepended to every key. Give each app/environment its own, neither a prefix of another.
   * On Redis Cluster use a hash tag so every key lands on one slot: `"{tokenledger}:"`.
   * @default "tokenledger:"
   */
  prefix?: string;
  /** A call slower than this fails with `StoreUnavailableError`. @default none (the ledger's `storeTimeoutMs` applies) */
  timeoutMs?: number;
  /** Newest records kept raw for `query` (by time). Aggregates keep every record. @default 10_000 */
  maxRecords?: number;
  /** How long settled/released reservation ids are remembered (a retried settle counts once). @default 15 minutes */
  idRetentionMs?: number;
  /** Context keys that get per-day sums for `aggregate`. @default every key */
  rollupContextKeys?: readonly string[];
}

/** The Redis store, plus its key names (for inspection and tests). */
export interface RedisStore extends BudgetStore {
  readonly keyspace: RedisKeyspace;
}

const optionsCheck = objectOf({
  client: custom<RedisClientLike>(
    (value) => typeof value === "object" && value !== null,
    "must be an ioredis or node-redis client",
  ),
  prefix: optional(
    refine(
      refine(
        string(),
        (prefix) => prefix.length >= 1 && prefix.length <= 100,
        (prefix) => `must be 1 to 100 characters long, got ${prefix.length}`,
      ),
      (prefix) => /^[^\s]+$/.test(prefix),
      "must not contain whitespace or control characters",
    ),
  ),
  timeoutMs: optional(integer({ min: 1 })),
  maxRecords: optional(integer({ min: 0 })),
  idRetentionMs: optional(integer({ min: 0 })),
  rollupContextKeys: optional(arrayOf(string())),
});

const MINUTE_MS = 60_000;

/**
 * Budgets and ledger in Redis, shared by every process that uses the same server and prefix
 * (contract). Each reserve / settle / release is ONE Lua script call (EVALSHA with a pinned
 * SHA-1, EVAL on NOSCRIPT) covering every bucket of the call, so admission is atomic across
 * processes. Reserves issued while another reserve call is in flight (or in the same tick) are
 * sent together as one script call that processes them in order, each all-or-nothing. Integer nano-USD only (HINCRBY). Holds carry a TTL and reservations are
 * idempotent by id; calendar buckets expire on their own; rolling windows are sorted sets.
 * Time comes from each request's `nowMs`. User-controlled parts of key names are escaped or
 * hashed (see `encodeKeyPart`).
 *
 * @example
 * import Redis from "ioredis";
 * import { redisStore } from "@tokenledger/core/redis";
 * const store = redisStore({ client: new Redis(process.env.REDIS_URL, { maxRetriesPerRequest: 1 }) });
 * const ledger = createLedger({ store, budgets: [...] });
 */
export function redisStore(options: RedisStoreOptions): RedisStore {
  const result = validate(optionsCheck, options);
  if (!result.ok) {
    throw new InvalidConfigError({
      message: `Invalid redisStore options: ${formatIssues(result.error.issues)}. Pass { client } with an ioredis or node-redis client; prefix is a non-empty string without spaces.`,
      cause: result.error,
    });
  }
  const run = createScriptRunner(options.client);
  const keyspace = redisKeyspace(options.prefix ?? "tokenledger:");
  const prefix = keyspace.prefix;
  const idRetention = String(options.idRetentionMs ?? 15 * MINUTE_MS);
  const log = new RedisRecordLog({
    run,
    keyspace,
    maxRecords: options.maxRecords ?? 10_000,
    rollupContextKeys: options.rollupContextKeys ? new Set(options.rollupContextKeys) : undefined,
  });
  const reserveBatched = createReserveBatcher(run, idRetention);
  const call = <T>(operation: string, fn: () => Promise<T>): Promise<T> =>
    guardStoreCall("Redis", operation, options.timeoutMs, fn, isRedisInputError);

  return {
    name: "redis",
    keyspace,
    reserve: (request) => call("reserve", () => reserveBatched(reserveEntry(keyspace, request))),
    settle: (request) =>
      call("settle", async () => {
        const slots = bucketSlots(keyspace, request.charges);
        const args = [
          prefix,
          integerArgument(request.nowMs, "nowMs"),
          idRetention,
          encodeKeyPart(request.id),
          String(slots.rawKeys.length),
          ...slots.windows,
        ];
        for (const charge of request.charges) {
          args.push(
            String(slots.indexOf.get(charge.key)),
            ...amountArguments(charge.amount, "amount"),
            expiryArgument(charge.expiresAtMs, "expiresAtMs"),
            charge.rollingWindowMs === undefined ? "0" : "1",
          );
        }
        const reservationKey = keyspace.reservation(encodeKeyPart(request.id));
        const reply = (await run(SETTLE_SCRIPT, [reservationKey, ...slots.redisKeys], args)) as [
          unknown,
          unknown,
        ];
        const balances = parseBalanceNumbers(reply[1], slots.rawKeys.length);
        return {
          applied: Number(reply[0]) === 1,
          balances: request.charges.map((charge) => {
            const balance = balances[(slots.indexOf.get(charge.key) ?? 1) - 1]!;
            return { key: charge.key, spent: balance.spent, held: balance.held };
          }),
        };
      }),
    release: (request) =>
      call("release", async () => {
        const reservationKey = keyspace.reservation(encodeKeyPart(request.id));
        await run(
          RELEASE_SCRIPT,
          [reservationKey],
          [prefix, integerArgument(request.nowMs, "nowMs"), idRetention],
        );
      }),
    balances: (request) =>
      call("balances", async () => {
        if (request.keys.length === 0) return [];
        const slots = bucketSlots(keyspace, request.keys);
        const reply = await run(BALANCES_SCRIPT, slots.redisKeys, [
          prefix,
          integerArgument(request.nowMs, "nowMs"),
          ...slots.windows,
        ]);
        const balances = parseBalanceNumbers(reply, slots.rawKeys.length);
        return request.keys.map(({ key }) => {
          const balance = balances[(slots.indexOf.get(key) ?? 1) - 1]!;
          return { key, spent: balance.spent, held: balance.held };
        });
      }),
    claimOnce: (request) =>
      call("claimOnce", async () => {
        const reply = await run(
          CLAIM_SCRIPT,
          [keyspace.claim(encodeKeyPart(request.key))],
          [
            prefix,
            integerArgument(request.nowMs, "nowMs"),
            expiryArgument(request.expiresAtMs, "expiresAtMs"),
          ],
        );
        return Number(reply) === 1;
      }),
    append: (records) => call("append", () => log.append(records)),
    query: (query) => call("query", () => log.query(query)),
    aggregate: (query) => call("aggregate", () => log.aggregate(query)),
    close: async () => {},
  };
}
