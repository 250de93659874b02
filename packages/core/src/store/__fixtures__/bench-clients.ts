/**
 * Database clients for `bench/store.bench.ts`. The bench package does not depend on ioredis or
 * pg; importing them from here resolves them from packages/core, where they are dev deps.
 */
import { Redis } from "ioredis";
import pg from "pg";

/** An ioredis client on loopback (plain: no auto-pipelining, like the research setup). */
export function createBenchRedis(port: number): Redis {
  return new Redis(port, "127.0.0.1", { maxRetriesPerRequest: 1 });
}

/** A `pg` pool of `max` connections. */
export function createBenchPgPool(url: string, max: number): pg.Pool {
  return new pg.Pool({ connectionString: url, max });
}
