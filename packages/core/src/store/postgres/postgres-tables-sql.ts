import type { PostgresNames } from "./postgres-names.js";

/**
 * Tables, indexes and the generation sequence. Amounts are `bigint` nano-USD / tokens /
 * requests; times are epoch ms (`bigint`), except `usage_records.time` (`timestamptz`, for
 * people querying the table). Expiries use -1 for "never". A bucket row keeps running sums of
 * its live holds (`held_*`, with the earliest hold expiry), so a reserve never scans holds.
 */
export function tableStatements(names: PostgresNames): string[] {
  const index = names.index;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${names.schema}`,
    `CREATE SEQUENCE IF NOT EXISTS ${names.generationSequence}`,
    `CREATE TABLE IF NOT EXISTS ${names.buckets} (
  key text COLLATE "C" PRIMARY KEY,
  generation bigint NOT NULL DEFAULT nextval('${names.generationSequence}'),
  spent_nano_usd bigint NOT NULL DEFAULT 0,
  spent_tokens bigint NOT NULL DEFAULT 0,
  spent_requests bigint NOT NULL DEFAULT 0,
  held_nano_usd bigint NOT NULL DEFAULT 0,
  held_tokens bigint NOT NULL DEFAULT 0,
  held_requests bigint NOT NULL DEFAULT 0,
  next_hold_expiry_ms bigint,
  expires_at_ms bigint NOT NULL DEFAULT -1,
  rolling_window_ms bigint
)`,
    `CREATE INDEX IF NOT EXISTS ${index("buckets_expiry_idx")} ON ${names.buckets} (expires_at_ms) WHERE expires_at_ms >= 0`,
    `CREATE TABLE IF NOT EXISTS ${names.holds} (
  reservation_id text NOT NULL,
  bucket_key text COLLATE "C" NOT NULL,
  generation bigint NOT NULL,
  nano_usd bigint NOT NULL,
  tokens bigint NOT NULL,
  requests bigint NOT NULL,
  expires_at_ms bigint NOT NULL,
  PRIMARY KEY (reservation_id, bucket_key)
)`,
    `CREATE INDEX IF NOT EXISTS ${index("holds_bucket_idx")} ON ${names.holds} (bucket_key, expires_at_ms)`,
    `CREATE TABLE IF NOT EXISTS ${names.rollingCharges} (
  bucket_key text COLLATE "C" NOT NULL,
  generation bigint NOT NULL,
  at_ms bigint NOT NULL,
  nano_usd bigint NOT NULL,
  tokens bigint NOT NULL,
  requests bigint NOT NULL
)`,
    `CREATE INDEX IF NOT EXISTS ${index("rolling_charges_bucket_idx")} ON ${names.rollingCharges} (bucket_key, at_ms)`,
    `CREATE TABLE IF NOT EXISTS ${names.reservations} (
  id text PRIMARY KEY,
  state text NOT NULL,
  outcome jsonb,
  forget_at_ms bigint NOT NULL
)`,
    `CREATE INDEX IF NOT EXISTS ${index("reservations_forget_idx")} ON ${names.reservations} (forget_at_ms)`,
    `CREATE TABLE IF NOT EXISTS ${names.claims} (
  key text PRIMARY KEY,
  expires_at_ms bigint NOT NULL
)`,
    `CREATE TABLE IF NOT EXISTS ${names.records} (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  id text PRIMARY KEY,
  time timestamptz NOT NULL,
  kind text NOT NULL,
  provider text NOT NULL,
  model text NOT NULL,
  status text NOT NULL,
  input_tokens bigint NOT NULL,
  output_tokens bigint NOT NULL,
  cache_read_tokens bigint NOT NULL,
  cache_write_tokens bigint NOT NULL,
  reasoning_tokens bigint NOT NULL,
  cost_nano_usd bigint NOT NULL,
  priced boolean NOT NULL,
  estimated boolean NOT NULL,
  context jsonb NOT NULL,
  record jsonb NOT NULL
)`,
    `CREATE INDEX IF NOT EXISTS ${index("records_time_idx")} ON ${names.records} (time DESC, seq DESC)`,
    `CREATE INDEX IF NOT EXISTS ${index("records_model_time_idx")} ON ${names.records} (model, time)`,
    `CREATE INDEX IF NOT EXISTS ${index("records_provider_time_idx")} ON ${names.records} (provider, time)`,
    `CREATE INDEX IF NOT EXISTS ${index("records_context_idx")} ON ${names.records} USING gin (context jsonb_path_ops)`,
  ];
}
