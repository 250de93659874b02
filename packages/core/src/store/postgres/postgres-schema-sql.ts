import { functionStatements } from "./postgres-functions-sql.js";
import { type PostgresNameOptions, postgresNames } from "./postgres-names.js";
import { tableStatements } from "./postgres-tables-sql.js";

/** Every DDL statement of the store, in order (idempotent: `IF NOT EXISTS` / `OR REPLACE`). */
export function postgresSchemaStatements(options: PostgresNameOptions = {}): string[] {
  const names = postgresNames(options);
  return [...tableStatements(names), ...functionStatements(names)];
}

/**
 * The store's DDL as one SQL script (contract), for your migration tool: tables (buckets,
 * holds, rolling charges, reservations, claims, usage records with time/model/provider/GIN
 * context indexes) and the PL/pgSQL functions each operation calls. Idempotent; the store
 * never runs it unless you call `store.migrate()` or pass `ensureSchema: true`.
 *
 * @example
 * import { postgresSchemaSql } from "@tokenledger/core/postgres";
 * writeFileSync("migrations/001_tokenledger.sql", postgresSchemaSql({ schema: "billing" }));
 */
export function postgresSchemaSql(options: PostgresNameOptions = {}): string {
  return `${postgresSchemaStatements(options).join(";\n\n")};\n`;
}

/**
 * The DDL as ONE statement (a `DO` block under a transaction-scoped advisory lock), so
 * concurrent `migrate()` calls from many processes apply it once, atomically, on any client.
 */
export function postgresMigrateStatement(options: PostgresNameOptions = {}): string {
  const statements = postgresSchemaStatements(options);
  const body = statements
    .map((statement, index) => `  EXECUTE $tl${index}$${statement}$tl${index}$;`)
    .join("\n");
  return `DO $tokenledger_migrate$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('tokenledger.migrate'));
${body}
END
$tokenledger_migrate$`;
}
