export type { PgQueryClient, PostgresClientLike, PostgresJsClient } from "./postgres-client.js";
export type { PostgresNameOptions } from "./postgres-names.js";
export { postgresSchemaSql } from "./postgres-schema-sql.js";
export { type PostgresStore, type PostgresStoreOptions, postgresStore } from "./postgres-store.js";
