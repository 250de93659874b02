import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createLedger } from "../ledger/create-ledger.js";
import { describeWithServer } from "../store/__fixtures__/describe-with-server.js";
import {
  type PostgresTestServer,
  startPostgresServer,
} from "../store/__fixtures__/postgres-test-server.js";
import { type RedisTestServer, startRedisServer } from "../store/__fixtures__/redis-test-server.js";
import { postgresStore } from "../store/postgres/index.js";
import { redisStore } from "../store/redis/index.js";
import type { BudgetStore } from "../store/store.js";
import { bufferIo } from "./__fixtures__/buffer-io.js";
import { runCli } from "./run-cli.js";

/** acme:big at $3 / $15 per 1M: 10,000 in + 1,000 out = $0.030 + $0.015 = 45,000,000 nano-USD a call. */
async function seed(store: BudgetStore): Promise<void> {
  const ledger = createLedger({ store, prices: { "acme:big": { inputMtok: 3, outputMtok: 15 } } });
  for (const userId of ["alice", "bob"]) {
    await ledger.record({
      model: "acme:big",
      usage: { inputTokens: 10_000, outputTokens: 1000 },
      context: { userId },
    });
  }
  // A write slower than storeTimeoutMs (schema creation on a loaded machine) is buffered:
  // close() writes it before the caller ends the connection.
  await ledger.close();
}

async function reportByUser(url: string, ...extra: string[]) {
  const io = bufferIo({ cwd: process.cwd() });
  const code = await runCli(["report", "--store", url, "--by", "user", "--json", ...extra], io);
  const rows =
    code === 0
      ? (JSON.parse(io.out()) as { group: { userId: string }; costNanoUsd: number }[])
      : [];
  return {
    code,
    err: io.err(),
    rows: rows.map((row) => [row.group.userId, row.costNanoUsd]).sort(),
  };
}

describeWithServer("redis", "tokenledger report --store redis://", () => {
  let server: RedisTestServer;
  beforeAll(async () => {
    server = await startRedisServer();
    const client = new Redis(server.url);
    await seed(redisStore({ client, prefix: "app1:" }));
    await client.quit();
  }, 120_000);
  afterAll(() => server?.stop());

  it("reads the ledger an app wrote to Redis under its prefix", async () => {
    const { code, err, rows } = await reportByUser(server.url, "--prefix", "app1:");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(rows).toEqual([
      ["alice", 45_000_000],
      ["bob", 45_000_000],
    ]);
    const other = await reportByUser(server.url);
    expect(other.rows).toEqual([]); // nothing under the default prefix
  }, 120_000);

  it("says so when Redis does not answer", async () => {
    const { code, err } = await reportByUser("redis://127.0.0.1:1");
    expect(code).toBe(1);
    expect(err).toMatch(
      /^error: Cannot connect to redis:\/\/127\.0\.0\.1:1: .* Is Redis running there\?/,
    );
  }, 120_000);
});

describeWithServer("postgres", "tokenledger report --store postgres://", () => {
  let server: PostgresTestServer;
  beforeAll(async () => {
    server = await startPostgresServer();
    const pool = new pg.Pool({ connectionString: server.url });
    await seed(postgresStore({ client: pool, ensureSchema: true, tablePrefix: "tl_" }));
    await pool.end();
  }, 120_000);
  afterAll(() => server?.stop());

  it("reads the ledger an app wrote to Postgres", async () => {
    const { code, err, rows } = await reportByUser(server.url, "--table-prefix", "tl_");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(rows).toEqual([
      ["alice", 45_000_000],
      ["bob", 45_000_000],
    ]);
  }, 120_000);
});
