import { InvalidConfigError } from "../../errors/invalid-config-error.js";

/** Where the Postgres store's tables and functions live. */
export interface PostgresNameOptions {
  /** Schema of every table and function. @default "public" */
  schema?: string;
  /** Prefix of every table, index, sequence and function name. @default "tokenledger_" */
  tablePrefix?: string;
  /** Name of the usage records table. @default `${tablePrefix}usage_records` */
  table?: string;
}

/** Quoted, schema-qualified names of every object the store uses. */
export interface PostgresNames {
  schema: string;
  buckets: string;
  holds: string;
  rollingCharges: string;
  reservations: string;
  claims: string;
  records: string;
  generationSequence: string;
  /** Unqualified, quoted names for indexes (an index lives in its table's schema). */
  index(name: string): string;
  /** Schema-qualified, quoted function name. */
  fn(name: string): string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
/** Postgres truncates identifiers past 63 bytes; longest suffix we add is 24. */
const MAX_BASE_LENGTH = 63 - 24;

const checkIdentifier = (value: string, option: string, maxLength: number): string => {
  if (!IDENTIFIER.test(value) || value.length > maxLength) {
    throw new InvalidConfigError({
      message: `postgresStore option ${option} ${JSON.stringify(value)} is not a safe SQL identifier. Use lowercase letters, digits and underscores (not starting with a digit), at most ${maxLength} characters.`,
    });
  }
  return value;
};

const quote = (identifier: string): string => `"${identifier}"`;

/**
 * Validates the naming options (identifiers are never interpolated unchecked: only
 * `[a-z_][a-z0-9_]*`, then double-quoted) and builds every object name.
 */
export function postgresNames(options: PostgresNameOptions = {}): PostgresNames {
  const schema = checkIdentifier(options.schema ?? "public", "schema", 63);
  const prefix =
    options.tablePrefix === ""
      ? ""
      : checkIdentifier(options.tablePrefix ?? "tokenledger_", "tablePrefix", MAX_BASE_LENGTH);
  const table = checkIdentifier(
    options.table ?? `${prefix}usage_records`,
    "table",
    MAX_BASE_LENGTH,
  );
  const qualified = (name: string): string => `${quote(schema)}.${quote(name)}`;
  return {
    schema: quote(schema),
    buckets: qualified(`${prefix}buckets`),
    holds: qualified(`${prefix}holds`),
    rollingCharges: qualified(`${prefix}rolling_charges`),
    reservations: qualified(`${prefix}reservations`),
    claims: qualified(`${prefix}claims`),
    records: qualified(table),
    generationSequence: qualified(`${prefix}bucket_generation`),
    index: (name) =>
      quote(name.startsWith("records_") ? `${table}_${name.slice(8)}` : `${prefix}${name}`),
    fn: (name) => qualified(`${prefix}${name}`),
  };
}
