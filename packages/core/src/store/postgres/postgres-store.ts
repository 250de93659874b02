import { InvalidConfigError } from "../../errors/invalid-config-error.js";
import type { UsageRecord } from "../../ledger/types.js";
import {
  custom,
  describeValue,
  formatIssues,
  integer,
  objectOf,
  optional,
  string,
  validate,
} from "../../validation/index.js";
import type { Amounts } from "../amounts.js";
import { guardStoreCall } from "../redis/guard-store-call.js";
import {
  amountArgument,
  expiryArgument,
  integerArgument,
  nonNegativeArgument,
} from "../redis/store-integers.js";
import type { BucketBalance, BudgetStore, ReserveOutcome } from "../store.js";
import { createQueryRunner, jsonValue, type PostgresClientLike } from "./postgres-client.js";
import { isPostgresInputError } from "./postgres-input-error.js";
import { type PostgresNameOptions, postgresNames } from "./postgres-names.js";
import { PostgresRecordLog } from "./postgres-record-log.js";
import { postgresMigrateStatement } from "./postgres-schema-sql.js";
import { escapePostgresText, unescapePostgresText } from "./postgres-text-escape.js";

/** Options of {@link postgresStore}. */
export interface PostgresStoreOptions extends PostgresNameOptions {
  /** A `pg` Pool or Client, a postgres.js `sql`, or a PGlite instance. It stays yours: `close()` does not end it. */
  client: PostgresClientLike;
  /** Apply the DDL (`migrate()`) before the first call. @default false: run `migrate()` or your own migration */
  ensureSchema?: boolean;
  /** A call slower than this fails with `StoreUnavailableError`. @default none (the ledger's `storeTimeoutMs` applies) */
  timeoutMs?: number;
  /** How long settled/released reservation ids are remembered (a retried settle counts once). @default 15 minutes */
  idRetentionMs?: number;
  /** Minimum time between background sweeps of expired holds, buckets, ids and claims; 0 disables them. @default 60_000 */
  sweepIntervalMs?: number;
}

/** The Postgres store, plus schema management and an explicit sweep. */
export interface PostgresStore extends BudgetStore {
  /** Applies the DDL of `postgresSchemaSql` (idempotent; safe from many processes at once). */
  migrate(): Promise<void>;
  /** Deletes expired holds, buckets, rolling charges, ids and claims as of `nowMs` (at most 5000 rows of each); returns how many. */
  sweep(nowMs?: number): Promise<number>;
}

const optionsCheck = objectOf({
  client: custom<PostgresClientLike>(
    (value) => (typeof value === "object" && value !== null) || typeof value === "function",
    "must be a pg Pool/Client, a postgres.js sql or a PGlite instance",
  ),
  schema: optional(string()),
  tablePrefix: optional(string()),
  table: optional(string()),
  ensureSchema: optional(
    custom<boolean>(
      (value) => typeof value === "boolean",
      (value) => `must be true or false, got ${describeValue(value)}`,
    ),
  ),
  timeoutMs: optional(integer({ min: 1 })),
  idRetentionMs: optional(integer({ min: 0 })),
  sweepIntervalMs: optional(integer({ min: 0 })),
});

const MINUTE_MS = 60_000;

const amountJson = (amount: Amounts, name: string): { u: string; t: string; r: string } => ({
  u: amountArgument(amount.nanoUsd, `${name}.nanoUsd`),
  t: amountArgument(amount.tokens, `${name}.tokens`),
  r: amountArgument(amount.requests, `${name}.requests`),
});

const windowJson = (rollingWindowMs: number | undefined): { w?: string } =>
  rollingWindowMs === undefined
    ? {}
    : { w: nonNegativeArgument(rollingWindowMs, "rollingWindowMs") };

/** `[spent usd, tokens, requests, held usd, tokens, requests]` per key → balances. */
const toBalances = (keys: readonly string[], rows: unknown): BucketBalance[] => {
  const list = jsonValue<number[][]>(rows) ?? [];
  return keys.map((key, index) => {
    const value = (offset: number): number => Number(list[index]?.[offset] ?? 0);
    return {
      key,
      spent: { nanoUsd: value(0), tokens: value(1), requests: value(2) },
      held: { nanoUsd: value(3), tokens: value(4), requests: value(5) },
    };
  });
};

/**
 * Budgets and a durable ledger in PostgreSQL (contract). Every budget operation is ONE
 * statement calling a PL/pgSQL function, hence one transaction: a reservation is atomic across
 * all its buckets under any number of connections (row locks in key order), with no dedicated
 * connection needed from a pool. Amounts are `bigint` nano-USD. Records go to a table indexed
 * for reports (time, model, provider, GIN on context). Parameterized SQL only; schema/table
 * names are validated identifiers. The DDL runs only when asked (`migrate()`, `ensureSchema`).
 * Expired holds are ignored by reads and deleted by a background sweep.
 *
 * @example
 * import pg from "pg";
 * import { postgresStore } from "@tokenledger/core/postgres";
 * const store = postgresStore({ client: new pg.Pool({ connectionString: process.env.DATABASE_URL }) });
 * await store.migrate();
 */
export function postgresStore(options: PostgresStoreOptions): PostgresStore {
  const result = validate(optionsCheck, options);
  if (!result.ok) {
    throw new InvalidConfigError({
      message: `Invalid postgresStore options: ${formatIssues(result.error.issues)}. Pass { client } with a pg Pool/Client, postgres.js sql or PGlite.`,
      cause: result.error,
    });
  }
  const names = postgresNames(options);
  const run = createQueryRunner(options.client);
  const idRetention = String(options.idRetentionMs ?? 15 * MINUTE_MS);
  const sweepIntervalMs = options.sweepIntervalMs ?? MINUTE_MS;
  const log = new PostgresRecordLog(run, names);
  const migrateText = postgresMigrateStatement(options);
  let schemaReady: Promise<void> | undefined;
  let lastSweepAtMs = Date.now();
  let latestNowMs = 0;
  let pendingSweep: Promise<unknown> | undefined;

  const migrate = async (): Promise<void> => {
    await run(migrateText, []);
  };
  const ensureSchema = (): Promise<void> => {
    if (!options.ensureSchema) return Promise.resolve();
    schemaReady ??= migrate().catch((error: unknown) => {
      schemaReady = undefined;
      throw error;
    });
    return schemaReady;
  };
  const sweep = async (nowMs: number): Promise<number> => {
    const rows = await run(`SELECT ${names.fn("sweep")}($1::bigint, 5000) AS removed`, [
      integerArgument(nowMs, "nowMs"),
    ]);
    return Number(rows[0]?.removed ?? 0);
  };
  const maybeSweep = (nowMs: number | undefined): void => {
    if (nowMs !== undefined) latestNowMs = Math.max(latestNowMs, nowMs);
    if (sweepIntervalMs === 0 || pendingSweep || latestNowMs === 0) return;
    if (Date.now() - lastSweepAtMs < sweepIntervalMs) return;
    lastSweepAtMs = Date.now();
    // Best effort: a failed sweep leaves expired rows (ignored by reads) for the next one.
    pendingSweep = sweep(latestNowMs)
      .catch(() => 0)
      .finally(() => {
        pendingSweep = undefined;
      });
  };
  const call = <T>(
    operation: string,
    nowMs: number | undefined,
    fn: () => Promise<T>,
  ): Promise<T> =>
    guardStoreCall(
      "Postgres",
      operation,
      options.timeoutMs,
      async () => {
        await ensureSchema();
        const result = await fn();
        maybeSweep(nowMs);
        return result;
      },
      isPostgresInputError,
    );

  return {
    name: "postgres",
    migrate: () => guardStoreCall("Postgres", "migrate", options.timeoutMs, migrate),
    sweep: (nowMs = Date.now()) =>
      guardStoreCall("Postgres", "sweep", options.timeoutMs, async () => {
        await ensureSchema();
        return sweep(nowMs);
      }),
    reserve: (request) =>
      call("reserve", request.nowMs, async () => {
        const holds = request.holds.map((hold) => ({
          k: escapePostgresText(hold.key),
          e: hold.enforce,
          lu:
            hold.limits.nanoUsd === undefined
              ? null
              : amountArgument(hold.limits.nanoUsd, "limits.nanoUsd"),
          lt:
            hold.limits.tokens === undefined
              ? null
              : amountArgument(hold.limits.tokens, "limits.tokens"),
          lr:
            hold.limits.requests === undefined
              ? null
              : amountArgument(hold.limits.requests, "limits.requests"),
          ...amountJson(hold.amount, "amount"),
          x: expiryArgument(hold.expiresAtMs, "expiresAtMs"),
          ...windowJson(hold.rollingWindowMs),
        }));
        const rows = await run(
          `SELECT ${names.fn("reserve")}($1::text, $2::text::jsonb, $3::bigint, $4::bigint, $5::bigint) AS outcome`,
          [
            escapePostgresText(request.id),
            JSON.stringify(holds),
            nonNegativeArgument(request.ttlMs, "ttlMs"),
            integerArgument(request.nowMs, "nowMs"),
            idRetention,
          ],
        );
        const outcome = jsonValue<ReserveOutcome>(rows[0]?.outcome);
        if ("denied" in outcome) outcome.denied.key = unescapePostgresText(outcome.denied.key);
        return outcome;
      }),
    settle: (request) =>
      call("settle", request.nowMs, async () => {
        const charges = request.charges.map((charge) => ({
          k: escapePostgresText(charge.key),
          ...amountJson(charge.amount, "amount"),
          x: expiryArgument(charge.expiresAtMs, "expiresAtMs"),
          ...windowJson(charge.rollingWindowMs),
        }));
        const rows = await run(
          `SELECT ${names.fn("settle")}($1::text, $2::text::jsonb, $3::bigint, $4::bigint) AS result`,
          [
            escapePostgresText(request.id),
            JSON.stringify(charges),
            integerArgument(request.nowMs, "nowMs"),
            idRetention,
          ],
        );
        const result = jsonValue<{ applied: boolean; balances: unknown }>(rows[0]?.result);
        return {
          applied: result.applied === true,
          balances: toBalances(
            request.charges.map((charge) => charge.key),
            result.balances,
          ),
        };
      }),
    release: (request) =>
      call("release", request.nowMs, async () => {
        await run(`SELECT ${names.fn("release")}($1::text, $2::bigint, $3::bigint)`, [
          escapePostgresText(request.id),
          integerArgument(request.nowMs, "nowMs"),
          idRetention,
        ]);
      }),
    balances: (request) =>
      call("balances", request.nowMs, async () => {
        if (request.keys.length === 0) return [];
        const keys = request.keys.map(({ key, rollingWindowMs }) => ({
          k: escapePostgresText(key),
          ...windowJson(rollingWindowMs),
        }));
        const rows = await run(
          `SELECT ${names.fn("balances")}($1::text::jsonb, $2::bigint) AS balances`,
          [JSON.stringify(keys), integerArgument(request.nowMs, "nowMs")],
        );
        return toBalances(
          request.keys.map(({ key }) => key),
          rows[0]?.balances,
        );
      }),
    claimOnce: (request) =>
      call("claimOnce", request.nowMs, async () => {
        const rows = await run(
          `INSERT INTO ${names.claims} AS c (key, expires_at_ms) VALUES ($1::text, $2::bigint)
ON CONFLICT (key) DO UPDATE SET expires_at_ms = EXCLUDED.expires_at_ms
WHERE c.expires_at_ms >= 0 AND c.expires_at_ms <= $3::bigint
RETURNING 1 AS claimed`,
          [
            escapePostgresText(request.key),
            expiryArgument(request.expiresAtMs, "expiresAtMs"),
            integerArgument(request.nowMs, "nowMs"),
          ],
        );
        return rows.length === 1;
      }),
    append: (records: readonly UsageRecord[]) =>
      call("append", undefined, () => log.append(records)),
    query: (query) => call("query", undefined, () => log.query(query)),
    aggregate: (query) => call("aggregate", undefined, () => log.aggregate(query)),
    close: async () => {
      await pendingSweep;
    },
  };
}
