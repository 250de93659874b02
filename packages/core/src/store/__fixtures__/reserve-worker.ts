/**
 * A worker process for the multi-process tests:
 *
 *   reserve-worker.ts burst <redis|postgres> <url> <namespace> <startAtMs>
 *     fires 100 concurrent $0.01 reserves against one shared $1 budget at `startAtMs`, prints
 *     `RESULT {"admitted":…,"denied":…,"errors":…}` and exits.
 *   reserve-worker.ts hold <redis|postgres> <url> <namespace>
 *     reserves $0.90 of a $1 budget with a 1 s hold TTL at a fixed clock, prints `HELD <nowMs>`
 *     (the clock of the hold) and waits to be killed.
 */
import { Redis } from "ioredis";
import pg from "pg";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import { createLedger } from "../../ledger/create-ledger.js";
import type { Ledger } from "../../ledger/types.js";
import { postgresStore } from "../postgres/postgres-store.js";
import { redisStore } from "../redis/redis-store.js";
import type { BudgetStore } from "../store.js";

const [command, kind, url, namespace, startAt] = process.argv.slice(2);
if (!command || !kind || !url || !namespace) {
  throw new Error(
    "usage: reserve-worker.ts <burst|hold> <redis|postgres> <url> <namespace> [startAtMs]",
  );
}

/** $10 per 1M input tokens: 1_000 tokens = $0.01, 90_000 tokens = $0.90. */
const prices = { "acme:m": { inputMtok: 10, outputMtok: 0 } };
const budgets = [{ id: "shared", scope: "global", window: "total", limit: { usd: 1 } }] as const;

let closeClient: () => Promise<void>;
let store: BudgetStore;
if (kind === "redis") {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  store = redisStore({ client, prefix: namespace });
  closeClient = async () => {
    client.disconnect();
  };
} else {
  // Two worker processes × 4 connections = 8 connections against one budget.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  store = postgresStore({ client: pool, tablePrefix: namespace });
  closeClient = () => pool.end();
}

const fixedNowMs = Date.now();
const ledger: Ledger = createLedger({
  store,
  prices,
  budgets: [...budgets],
  // burst: holds outlive the test; hold: a 1 s TTL the parent waits out.
  holdTtlMs: command === "burst" ? 120_000 : 1_000,
  storeTimeoutMs: 20_000,
  ...(command === "hold" ? { now: () => fixedNowMs } : {}),
});

if (command === "burst") {
  const waitMs = Number(startAt) - Date.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  const outcomes = await Promise.allSettled(
    Array.from({ length: 100 }, () =>
      ledger.reserve({ model: "acme:m", estimate: { inputTokens: 1_000, outputTokens: 0 } }),
    ),
  );
  const admitted = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
  const denied = outcomes.filter(
    (outcome) => outcome.status === "rejected" && BudgetExceededError.isInstance(outcome.reason),
  ).length;
  const errors = outcomes
    .filter(
      (outcome) => outcome.status === "rejected" && !BudgetExceededError.isInstance(outcome.reason),
    )
    .map((outcome) => String((outcome as PromiseRejectedResult).reason));
  console.log(`RESULT ${JSON.stringify({ admitted, denied, errors: errors.slice(0, 3) })}`);
  await closeClient();
  process.exit(0);
} else {
  await ledger.reserve({ model: "acme:m", estimate: { inputTokens: 90_000, outputTokens: 0 } });
  console.log(`HELD ${fixedNowMs}`);
  setInterval(() => {}, 60_000);
}
