import pg from "pg";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreInputError } from "../../errors/store-input-error.js";
import { StoreUnavailableError } from "../../errors/store-unavailable-error.js";
import { createLedger } from "../../ledger/create-ledger.js";
import { makeUsageRecord } from "../../testing/conformance-fixtures.js";
import { runStoreConformance } from "../../testing/run-store-conformance.js";
import { describeWithServer } from "../__fixtures__/describe-with-server.js";
import {
  type PostgresTestServer,
  startPostgresServer,
} from "../__fixtures__/postgres-test-server.js";
import { postgresStore } from "./postgres-store.js";

describeWithServer("postgres", "postgresStore on a real PostgreSQL server", () => {
  let server: PostgresTestServer;
  let pool: pg.Pool;
  let sql: postgres.Sql;

  beforeAll(async () => {
    server = await startPostgresServer();
    pool = new pg.Pool({ connectionString: server.url, max: 8 });
    sql = postgres(server.url, { max: 8, onnotice: () => {} });
    // Two processes' worth of concurrent migrations apply the DDL once (advisory lock).
    await Promise.all([
      postgresStore({ client: pool, tablePrefix: "conf_" }).migrate(),
      postgresStore({ client: sql, tablePrefix: "conf_" }).migrate(),
    ]);
  });
  afterAll(async () => {
    await pool?.end();
    await sql?.end({ timeout: 1 });
    await server?.stop();
  });

  runStoreConformance(
    { describe, it, expect },
    () => postgresStore({ client: pool, tablePrefix: "conf_" }),
    { name: "postgres (pg Pool, 8 connections)", isolated: false },
  );
  runStoreConformance(
    { describe, it, expect },
    () => postgresStore({ client: sql, tablePrefix: "conf_" }),
    { name: "postgres (postgres.js, 8 connections)", isolated: false },
  );

  it("a data exception (SQLSTATE class 22) on append is StoreInputError; a lost connection is not", async () => {
    const store = postgresStore({ client: pool, tablePrefix: "conf_" });
    const record = makeUsageRecord({
      id: `class22-${Date.now()}`,
      time: "2031-05-01T10:00:00.000Z",
    });
    // 1.5 tokens reaches Postgres as "1.5"::bigint: 22P02 invalid_text_representation.
    const error = await store
      .append([{ ...record, usage: { inputTokens: 1.5, outputTokens: 0 } }])
      .catch((caught: unknown) => caught);
    expect(StoreInputError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ operation: "append", cause: { code: "22P02" } });

    const unreachable = new pg.Pool({
      connectionString: server.url.replace(/:\d+\//, ":1/"),
      max: 1,
    });
    const down = postgresStore({ client: unreachable, tablePrefix: "conf_" });
    const downError = await down.append([record]).catch((caught: unknown) => caught);
    expect(StoreUnavailableError.isInstance(downError)).toBe(true);
    await unreachable.end();
  });

  it("ledger.report works on a pg Client too (one connection)", async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const store = postgresStore({ client, tablePrefix: "client_", ensureSchema: true });
      const ledger = createLedger({
        store,
        prices: { "acme:m": { inputMtok: 1, outputMtok: 2 } },
        now: () => Date.parse("2031-07-01T23:59:59.000Z"),
      });
      await ledger.record({ model: "acme:m", usage: { inputTokens: 500, outputTokens: 250 } });
      // 500 × $1/M = 500_000 nano-USD + 250 × $2/M = 500_000 → 1_000_000.
      expect(await ledger.report({ groupBy: ["day", "model"] })).toEqual([
        {
          group: { day: "2031-07-01", model: "m" },
          requests: 1,
          inputTokens: 500,
          outputTokens: 250,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
          reasoningTokens: 0,
          costNanoUsd: 1_000_000,
          unpricedRequests: 0,
          estimatedRequests: 0,
        },
      ]);
      await ledger.close();
    } finally {
      await client.end();
    }
  });
});
