import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { StoreUnavailableError } from "../../errors/store-unavailable-error.js";
import { createLedger } from "../../ledger/create-ledger.js";
import type { LedgerEvents } from "../../ledger/types.js";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import {
  type PostgresTestServer,
  startPostgresServer,
} from "../__fixtures__/postgres-test-server.js";
import { postgresStore } from "./postgres-store.js";

/** $10 per 1M input tokens: a call of 1_000 input tokens costs $0.01 = 10_000_000 nano-USD. */
const prices = { "acme:m": { inputMtok: 10, outputMtok: 0 } };
const budgets = [{ id: "daily", scope: "global", window: "day", limit: { usd: 100 } }] as const;
const call = { model: "acme:m", estimate: { inputTokens: 1_000, outputTokens: 0 } };
const usage = { inputTokens: 1_000, outputTokens: 0 };

async function waitForPool(pool: pg.Pool): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (
      await pool.query("SELECT 1").then(
        () => true,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("postgres did not come back");
}

describeWithServer("postgres", "postgresStore when the server fails", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  let shared: PostgresTestServer;
  // One server for the whole file (initdb is slow); a test that kills it restarts it.
  beforeAll(async () => {
    shared = await startPostgresServer();
  });
  afterAll(async () => {
    await shared?.stop();
  });
  const server = async (): Promise<PostgresTestServer> => shared;
  const poolFor = async (target: PostgresTestServer): Promise<pg.Pool> => {
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 4,
      connectionTimeoutMillis: 1_000,
    });
    pool.on("error", () => {}); // idle connections die with the server
    cleanups.push(() => pool.end());
    return pool;
  };
  const migrated = async (pool: pg.Pool): Promise<string> => {
    const tablePrefix = `f_${randomUUID().slice(0, 8)}_`;
    await postgresStore({ client: pool, tablePrefix }).migrate();
    return tablePrefix;
  };

  it("killed mid-run, closed mode refuses with StoreUnavailableError in bounded time", async () => {
    const target = await server();
    const pool = await poolFor(target);
    const tablePrefix = await migrated(pool);
    const ledger = createLedger({
      store: postgresStore({ client: pool, tablePrefix }),
      prices,
      budgets: [...budgets],
      failMode: "closed",
      storeTimeoutMs: 1_000,
    });
    await (await ledger.reserve(call)).settle(usage);
    await target.kill();
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const startedMs = Date.now();
        const error = await ledger.reserve(call).catch((caught: unknown) => caught);
        expect(StoreUnavailableError.isInstance(error)).toBe(true);
        expect(Date.now() - startedMs).toBeLessThan(5_000);
      }
    } finally {
      await target.restart();
    }
  }, 120_000);

  it("killed mid-run, open mode keeps serving and replays buffered writes once when it is back", async () => {
    const target = await server();
    const pool = await poolFor(target);
    const tablePrefix = await migrated(pool);
    const storeErrors: LedgerEvents["store-error"][] = [];
    const ledger = createLedger({
      store: postgresStore({ client: pool, tablePrefix }),
      prices,
      budgets: [...budgets],
      failMode: "open",
      storeTimeoutMs: 1_000,
    });
    ledger.on("store-error", (event) => storeErrors.push(event));
    for (let index = 0; index < 3; index++) await (await ledger.reserve(call)).settle(usage);
    await target.kill();
    try {
      for (let index = 0; index < 5; index++) {
        const reservation = await ledger.reserve(call);
        await reservation.settle(usage);
      }
      expect(storeErrors.some((event) => event.buffered)).toBe(true);
    } finally {
      await target.restart();
    }
    await waitForPool(pool);
    await ledger.close(); // flushes the buffer

    const store = postgresStore({ client: pool, tablePrefix });
    const records = await store.query({});
    // 3 calls before the crash + 5 during it: each record once.
    expect(records.length).toBe(8);
    expect(new Set(records.map((record) => record.id)).size).toBe(8);
    const reader = createLedger({ store, prices, budgets: [...budgets] });
    const [row] = await reader.report({});
    expect(row?.requests).toBe(8);
    const [status] = await reader.status();
    // 8 settles × 10_000_000 nano-USD, each applied once.
    expect(status?.spent).toBe(80_000_000);
  }, 120_000);

  it("a stalled server does not hold callers past the time limit (ledger and store timeouts)", async () => {
    const target = await server();
    const pool = await poolFor(target);
    const tablePrefix = await migrated(pool);
    const store = postgresStore({ client: pool, tablePrefix });
    const ledger = createLedger({ store, prices, budgets: [...budgets], storeTimeoutMs: 300 });
    await (await ledger.reserve(call)).release();
    // Another session locks the buckets table: every reserve waits on it.
    const locker = new pg.Client({ connectionString: target.url });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query("BEGIN");
    await locker.query(`LOCK TABLE "public"."${tablePrefix}buckets" IN ACCESS EXCLUSIVE MODE`);
    try {
      let startedMs = Date.now();
      const error = await ledger.reserve(call).catch((caught: unknown) => caught);
      expect(StoreUnavailableError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain("within 300 ms");
      expect(Date.now() - startedMs).toBeLessThan(5_000);

      const limited = postgresStore({ client: pool, tablePrefix, timeoutMs: 300 });
      startedMs = Date.now();
      const storeError = await limited
        .settle({
          id: "y",
          charges: [
            { key: "k", amount: { nanoUsd: 1, tokens: 1, requests: 1 }, expiresAtMs: null },
          ],
          nowMs: Date.now(),
        })
        .catch((caught: unknown) => caught);
      expect(StoreUnavailableError.isInstance(storeError)).toBe(true);
      expect((storeError as Error).message).toContain("within 300 ms");
      expect(Date.now() - startedMs).toBeLessThan(5_000);
    } finally {
      await locker.query("ROLLBACK");
    }
  });
});
