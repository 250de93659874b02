import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { StoreUnavailableError } from "../errors/store-unavailable-error.js";
import { memoryStore } from "../store/memory-store.js";
import type { BudgetStore } from "../store/store.js";
import { importOptional } from "./import-optional.js";

/** The embedded default: a PGlite (Postgres in-process) data directory. */
export const DEFAULT_STORE_DIR = ".tokenledger/ledger";

/** A store opened for a command, with what must be closed after it. */
export interface OpenedStore {
  store: BudgetStore;
  /** `PGlite .tokenledger/ledger`, `redis://localhost:6379`, … (passwords hidden). */
  description: string;
  close(): Promise<void>;
}

/** Where to find the ledger and how it was written. */
export interface StoreSpec {
  /** `redis://…`, `rediss://…`, `postgres://…`, `postgresql://…`, `memory`, or a PGlite directory. */
  store?: string;
  /** Redis key prefix the app used. */
  prefix?: string;
  /** Postgres schema the app used. */
  schema?: string;
  /** Postgres table prefix the app used. */
  tablePrefix?: string;
}

interface PGliteLike {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  close(): Promise<void>;
  waitReady: Promise<void>;
}

/** Hides the password of a URL for messages. */
function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]*:)[^@/]*@/, "$1***@");
}

/**
 * Opens the store a command reads: `--store` (else `$TOKENLEDGER_STORE`, else
 * `.tokenledger/ledger`). A directory is a PGlite database (the embedded default, through
 * `postgresStore`, schema ensured); `redis://` URLs use ioredis, `postgres://` URLs a `pg` Pool.
 * Clients load lazily; a missing one is a usage error naming the package to install.
 */
export async function openStore(spec: StoreSpec, cwd: string, env: CliEnv): Promise<OpenedStore> {
  const location = spec.store ?? (env.TOKENLEDGER_STORE || undefined) ?? DEFAULT_STORE_DIR;
  if (location === "memory") {
    const store = memoryStore();
    return { store, description: "memory (empty)", close: async () => store.close?.() };
  }
  if (/^rediss?:\/\//i.test(location)) return openRedis(location, spec, cwd);
  if (/^postgres(ql)?:\/\//i.test(location)) return openPostgres(location, spec, cwd);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new InvalidConfigError({
      message: `Unsupported store URL "${redact(location)}". Use redis://…, rediss://…, postgres://…, or a PGlite directory path.`,
    });
  }
  return openPglite(location, spec, cwd);
}

/** The environment variables the store lookup reads. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

async function postgresStoreOf(
  client: unknown,
  spec: StoreSpec,
  ensureSchema: boolean,
): Promise<BudgetStore> {
  const { postgresStore } = await import("../store/postgres/index.js");
  return postgresStore({
    client: client as Parameters<typeof postgresStore>[0]["client"],
    ensureSchema,
    ...(spec.schema === undefined ? {} : { schema: spec.schema }),
    ...(spec.tablePrefix === undefined ? {} : { tablePrefix: spec.tablePrefix }),
  });
}

async function openPglite(location: string, spec: StoreSpec, cwd: string): Promise<OpenedStore> {
  const directory = resolve(cwd, location);
  if (!existsSync(directory)) {
    throw new InvalidConfigError({
      message: `No ledger at "${location}" (the directory does not exist). Run your app with a PGlite store there, or point --store at your ledger: a PGlite directory, postgres://… or redis://….`,
    });
  }
  if (!statSync(directory).isDirectory()) {
    throw new InvalidConfigError({
      message: `--store "${location}" is a file; give the PGlite data directory (e.g. .tokenledger/ledger), postgres://… or redis://….`,
    });
  }
  const { PGlite } = await importOptional<{ PGlite: new (dataDir: string) => PGliteLike }>(
    "@electric-sql/pglite",
    cwd,
    `Reading the local ledger "${location}"`,
  );
  const db = new PGlite(directory);
  try {
    await db.waitReady;
  } catch (error) {
    throw new InvalidConfigError({
      message: `"${location}" is not a PGlite database (${(error as Error).message}). Point --store at the directory your app's PGlite ledger writes to.`,
      cause: error,
    });
  }
  const store = await postgresStoreOf(db, spec, true);
  return {
    store,
    description: `PGlite ${location}`,
    async close() {
      await store.close?.();
      await db.close();
    },
  };
}

async function openPostgres(url: string, spec: StoreSpec, cwd: string): Promise<OpenedStore> {
  const pg = await importOptional<{ default?: { Pool: PoolClass }; Pool?: PoolClass }>(
    "pg",
    cwd,
    "A postgres:// store",
  );
  const Pool = pg.Pool ?? pg.default?.Pool;
  if (Pool === undefined) {
    throw new InvalidConfigError({
      message: 'The installed "pg" package has no Pool export; install pg 8.',
    });
  }
  const pool = new Pool({ connectionString: url, max: 2 });
  const store = await postgresStoreOf(pool, spec, false);
  return {
    store,
    description: redact(url),
    async close() {
      await store.close?.();
      await pool.end();
    },
  };
}

type PoolClass = new (options: {
  connectionString: string;
  max: number;
}) => {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  end(): Promise<void>;
};

type RedisClass = new (
  url: string,
  options: {
    lazyConnect: boolean;
    maxRetriesPerRequest: number;
    enableOfflineQueue: boolean;
    retryStrategy: () => null;
  },
) => {
  connect(): Promise<void>;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: "error", listener: (error: Error) => void): unknown;
};

async function openRedis(url: string, spec: StoreSpec, cwd: string): Promise<OpenedStore> {
  const module = await importOptional<{ default?: RedisClass; Redis?: RedisClass }>(
    "ioredis",
    cwd,
    "A redis:// store",
  );
  const Redis = module.Redis ?? module.default;
  if (Redis === undefined) {
    throw new InvalidConfigError({
      message: 'The installed "ioredis" package has no Redis export; install ioredis 5 or later.',
    });
  }
  // One attempt, no reconnect loop: a report is a one-shot read. Failures surface as errors
  // from connect() or from the store's calls, so the client's error events are not logged.
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new StoreUnavailableError({
      operation: "connect",
      message: `Cannot connect to ${redact(url)}: ${(error as Error).message}. Is Redis running there?`,
      cause: error,
    });
  }
  const { redisStore } = await import("../store/redis/index.js");
  const store = redisStore({
    client: client as unknown as Parameters<typeof redisStore>[0]["client"],
    ...(spec.prefix === undefined ? {} : { prefix: spec.prefix }),
  });
  return {
    store,
    description: redact(url),
    async close() {
      await store.close?.();
      await client.quit();
    },
  };
}
