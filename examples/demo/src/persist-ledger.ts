/**
 * Copies the week's usage records into a PGlite database (Postgres compiled to WebAssembly,
 * in this process) through `postgresStore`, so the `tokenledger` CLI can query them after the
 * demo exits. The simulation itself runs on the memory store, which is several times faster;
 * budget counters stay there (they were shown already), only the records are persisted.
 *
 * Creating a PGlite database runs initdb (seconds), so the first run creates the directory and
 * later runs empty its records table and refill it.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { BudgetRule, BudgetStore } from "@tokenledger/core";
import { postgresStore } from "@tokenledger/core/postgres";

/** postgresStore's default records table (schema `public`, prefix `tokenledger_`). */
const RECORDS_TABLE = "public.tokenledger_usage_records";

/** Replaces the records of the PGlite database at `directory` with every record of `source`. */
export async function persistLedger(source: BudgetStore, directory: string): Promise<number> {
  const records = (await source.query({})).reverse();
  const reuse = existsSync(join(directory, "PG_VERSION"));
  if (!reuse) await mkdir(directory, { recursive: true });
  const database = await PGlite.create(directory);
  const store = postgresStore({ client: database });
  try {
    await store.migrate();
    if (reuse) await database.exec(`TRUNCATE ${RECORDS_TABLE}`);
    await store.append(records);
  } finally {
    await store.close?.();
    await database.close();
  }
  return records.length;
}

/**
 * Writes the demo's budget rules as `budgets.json` beside the ledger directory: the file the
 * CLI reads by default (`.tokenledger/budgets.json`), so `tokenledger report` on the saved
 * ledger shows the budgets the week ran with. Returns the file's path.
 */
export async function persistBudgets(
  budgets: readonly BudgetRule[],
  ledgerDirectory: string,
): Promise<string> {
  const file = join(dirname(ledgerDirectory), "budgets.json");
  await writeFile(file, `${JSON.stringify(budgets, null, 2)}\n`);
  return file;
}
