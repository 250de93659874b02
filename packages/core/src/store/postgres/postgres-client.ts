import { InvalidConfigError } from "../../errors/invalid-config-error.js";

/** `pg` (Pool or Client) and PGlite: `query(text, params)` resolving to `{ rows }`. */
export interface PgQueryClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** postgres.js (`postgres(url)`): `sql.unsafe(text, params)` resolving to the rows. */
export interface PostgresJsClient {
  unsafe(text: string, params?: never[]): PromiseLike<readonly unknown[]>;
}

/** Any client the Postgres store accepts (none is a dependency: only these methods are used). */
export type PostgresClientLike = PgQueryClient | PostgresJsClient;

/** The one method the store uses: run a parameterized statement, get its rows. */
export type RunQuery = (
  text: string,
  params: readonly unknown[],
) => Promise<Record<string, unknown>[]>;

/**
 * Adapts `pg`, postgres.js or PGlite to {@link RunQuery}, detected at runtime: postgres.js has
 * `unsafe(text, params)`; `pg` and PGlite have `query(text, params)` returning `{ rows }`.
 * Throws `InvalidConfigError` for anything else.
 */
export function createQueryRunner(client: unknown): RunQuery {
  const candidate = client as Record<string, unknown> | null;
  if (typeof candidate?.unsafe === "function") {
    const sql = client as { unsafe(text: string, params: unknown[]): PromiseLike<unknown> };
    return async (text, params) => [
      ...((await sql.unsafe(text, [...params])) as Iterable<Record<string, unknown>>),
    ];
  }
  if (typeof candidate?.query === "function") {
    const pg = client as PgQueryClient;
    return async (text, params) =>
      (await pg.query(text, [...params])).rows as Record<string, unknown>[];
  }
  throw new InvalidConfigError({
    message:
      "postgresStore({ client }) needs a pg Pool or Client (new pg.Pool({ connectionString })), a postgres.js sql (postgres(url)) or a PGlite instance: an object with query(text, params) or unsafe(text, params).",
  });
}

/** A `json`/`jsonb` value as the client returned it (parsed by most clients; a string otherwise). */
export function jsonValue<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
