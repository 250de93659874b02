import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLedger } from "../../ledger/create-ledger.js";
import { runStoreConformance } from "../../testing/run-store-conformance.js";
import { postgresSchemaSql } from "./postgres-schema-sql.js";
import { postgresStore } from "./postgres-store.js";

// PGlite runs the whole SQL suite in-process, on every machine (no server needed).
describe("postgresStore on PGlite (in-process Postgres)", () => {
  let db: PGlite;

  beforeAll(async () => {
    db = new PGlite();
    await postgresStore({ client: db, tablePrefix: "conf_" }).migrate();
  });
  afterAll(async () => {
    await db?.close();
  });

  runStoreConformance(
    { describe, it, expect },
    () => postgresStore({ client: db, tablePrefix: "conf_" }),
    { name: "postgres (PGlite)", isolated: false },
  );

  it("two stores with different table prefixes do not share state", async () => {
    const first = postgresStore({ client: db, tablePrefix: "iso_a_", ensureSchema: true });
    const second = postgresStore({ client: db, tablePrefix: "iso_b_", ensureSchema: true });
    const hold = {
      key: "shared",
      limits: { tokens: 100 },
      amount: { nanoUsd: 0, tokens: 100, requests: 1 },
      enforce: true,
      expiresAtMs: null,
    };
    const nowMs = Date.now();
    expect(await first.reserve({ id: "r1", holds: [hold], ttlMs: 60_000, nowMs })).toEqual({
      admitted: true,
    });
    expect(await second.reserve({ id: "r1", holds: [hold], ttlMs: 60_000, nowMs })).toEqual({
      admitted: true,
    });
  });

  it("applies the DDL only when asked: a store without migrate() fails on a fresh database", async () => {
    const store = postgresStore({ client: db, schema: "fresh" });
    await expect(store.query({})).rejects.toMatchObject({ code: "STORE_UNAVAILABLE" });
    await store.migrate();
    await store.migrate(); // idempotent
    expect(await store.query({})).toEqual([]);
  });

  it("migrates a database set up by 0.1.0, whose bucket_balance returned bigint sums", async () => {
    const store = postgresStore({ client: db, schema: "upgrade" });
    await store.migrate();
    // 0.1.0's signature: the same arguments, bigint sums (CREATE OR REPLACE cannot change that).
    await db.exec(`DROP FUNCTION "upgrade"."tokenledger_bucket_balance"(text, bigint, bigint);
      CREATE FUNCTION "upgrade"."tokenledger_bucket_balance"(p_key text, p_window_ms bigint,
        p_now_ms bigint, OUT generation bigint,
        OUT spent_nano_usd bigint, OUT spent_tokens bigint, OUT spent_requests bigint,
        OUT held_nano_usd bigint, OUT held_tokens bigint, OUT held_requests bigint)
      LANGUAGE sql STABLE AS $fn$ SELECT 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint,
        0::bigint, 0::bigint $fn$`);
    await expect(store.migrate()).resolves.toBeUndefined();
  });

  it("postgresSchemaSql is plain DDL for migration tools, with the indexes reports need", () => {
    const sql = postgresSchemaSql({ schema: "billing", tablePrefix: "tl_" });
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "billing"."tl_usage_records"');
    expect(sql).toContain('ON "billing"."tl_usage_records" USING gin (context jsonb_path_ops)');
    expect(sql).toContain('ON "billing"."tl_usage_records" (model, time)');
    expect(sql).toContain('CREATE OR REPLACE FUNCTION "billing"."tl_reserve"');
  });

  it("rejects schema and table names that are not plain identifiers", () => {
    for (const schema of ['public"; DROP TABLE x; --', "Billing", "a b", ""]) {
      expect(() => postgresStore({ client: db, schema })).toThrow(/not a safe SQL identifier/);
    }
    expect(() => postgresStore({ client: db, table: "records;--" })).toThrow(
      /option table "records;--" is not a safe SQL identifier/,
    );
  });

  it("ledger.report groups by a context list (tags) and filters by context, exactly", async () => {
    const store = postgresStore({ client: db, tablePrefix: "conf_" });
    const run = randomUUID();
    const ledger = createLedger({
      store,
      prices: { "acme:m": { inputMtok: 1, outputMtok: 2 } },
      now: () => Date.parse("2031-06-01T10:00:00.000Z"),
    });
    await ledger.record({
      model: "acme:m",
      usage: { inputTokens: 1_000, outputTokens: 0 },
      context: { run, tags: ["a", "b"] },
    });
    await ledger.record({
      model: "acme:m",
      usage: { inputTokens: 3_000, outputTokens: 0 },
      context: { run, tags: ["b"] },
    });
    // 1000 in × $1/M = 1_000_000 nano-USD; 3000 in = 3_000_000. Tag b has both records.
    const rows = await ledger.report({ context: { run }, groupBy: ["tags"] });
    expect(rows.map((row) => [row.group.tags, row.costNanoUsd])).toEqual([
      ["a", 1_000_000],
      ["b", 4_000_000],
    ]);
    const [onlyA] = await ledger.report({ context: { run, tags: "a" } as never });
    expect(onlyA?.inputTokens).toBe(1_000);
    await ledger.close();
  });

  it("hostile user ids are plain data: one bucket each, reported exactly as given", async () => {
    const store = postgresStore({ client: db, tablePrefix: "conf_" });
    const run = randomUUID();
    const ledger = createLedger({
      store,
      // $1 per 1M input tokens: 600_000 tokens = $0.60 of a $1 daily budget per user.
      prices: { "acme:m": { inputMtok: 1, outputMtok: 0 } },
      budgets: [{ id: "per-user", scope: "userId", window: "day", limit: { usd: 1 } }],
    });
    const userIds = [
      "a'; DROP TABLE conf_buckets; --",
      "a",
      "{a}",
      "a\nb",
      "$1",
      "x".repeat(5_000),
    ];
    const call = { model: "acme:m", estimate: { inputTokens: 600_000, outputTokens: 0 } };
    for (const userId of userIds) {
      await (await ledger.reserve({ ...call, context: { userId, run } })).settle({
        inputTokens: 600_000,
        outputTokens: 0,
      });
    }
    for (const userId of userIds) {
      // 0.60 + 0.60 > 1: denied in the user's own bucket.
      await expect(ledger.reserve({ ...call, context: { userId, run } })).rejects.toMatchObject({
        code: "BUDGET_EXCEEDED",
      });
    }
    const rows = await ledger.report({ context: { run }, groupBy: ["userId"] });
    expect(rows.map((row) => row.group.userId).sort()).toEqual([...userIds].sort());
  });

  it("holds expire exactly at their own TTL, in any order, after releases and settles", async () => {
    const store = postgresStore({ client: db, tablePrefix: "conf_" });
    const bucket = `ttl-${randomUUID()}`;
    const t0 = Date.now();
    const reserve = (id: string, tokens: number, ttlMs: number, nowMs: number) =>
      store.reserve({
        id: `${bucket}-${id}`,
        holds: [
          {
            key: bucket,
            limits: { tokens: 1_000 },
            amount: { nanoUsd: 0, tokens, requests: 1 },
            enforce: true,
            expiresAtMs: null,
          },
        ],
        ttlMs,
        nowMs,
      });
    const balanceAt = async (nowMs: number) =>
      (await store.balances({ keys: [{ key: bucket }], nowMs }))[0];
    await reserve("r1", 10, 1_000, t0); // expires at t0 + 1000
    await reserve("r2", 20, 3_000, t0 + 100); // expires at t0 + 3100
    await reserve("r3", 30, 2_000, t0 + 200); // expires at t0 + 2200
    await reserve("r4", 40, 5_000, t0 + 250); // settled below
    await store.release({ id: `${bucket}-r1`, nowMs: t0 + 300 });
    await store.settle({
      id: `${bucket}-r4`,
      charges: [{ key: bucket, amount: { nanoUsd: 0, tokens: 7, requests: 1 }, expiresAtMs: null }],
      nowMs: t0 + 400,
    });
    expect((await balanceAt(t0 + 400))?.held.tokens).toBe(20 + 30);
    expect((await balanceAt(t0 + 2_199))?.held.tokens).toBe(20 + 30);
    expect((await balanceAt(t0 + 2_200))?.held.tokens).toBe(20);
    // A reserve at +2.5 s sweeps r3 from the running sums: 7 spent + 20 held + 973 = 1000 fits.
    expect(await reserve("r5", 973, 60_000, t0 + 2_500)).toEqual({ admitted: true });
    expect(await reserve("r6", 1, 60_000, t0 + 2_500)).toMatchObject({ admitted: false });
    expect(await balanceAt(t0 + 3_100)).toEqual({
      key: bucket,
      spent: { nanoUsd: 0, tokens: 7, requests: 1 },
      held: { nanoUsd: 0, tokens: 973, requests: 1 },
    });
  });

  it("a sweep deletes expired holds, buckets, ids and claims", async () => {
    const store = postgresStore({ client: db, tablePrefix: "sweep_", ensureSchema: true });
    const nowMs = Date.now();
    await store.reserve({
      id: "r1",
      holds: [
        {
          key: "day",
          limits: { tokens: 10 },
          amount: { nanoUsd: 0, tokens: 5, requests: 1 },
          enforce: true,
          expiresAtMs: nowMs + 1_000,
        },
      ],
      ttlMs: 500,
      nowMs,
    });
    await store.claimOnce({ key: "c", expiresAtMs: nowMs + 1_000, nowMs });
    // At +2 s: the hold (500 ms), the bucket (1 s) and the claim (1 s) expired; the id was
    // kept for idRetentionMs (15 min) so it stays. 1 hold + 1 bucket + 1 claim = 3 rows.
    expect(await store.sweep(nowMs + 2_000)).toBe(3);
    expect(await store.sweep(nowMs + 2_000)).toBe(0);
  });
});
