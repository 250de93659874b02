import { RECORD_GROUP_KEYS } from "../aggregate-rows.js";
import type { AggregateQuery, RecordQuery } from "../ledger-query.js";
import type { CompiledRecordFilter } from "../record-filter.js";
import type { PostgresNames } from "./postgres-names.js";
import { escapePostgresText } from "./postgres-text-escape.js";

/** A statement and its parameters. */
export interface SqlStatement {
  text: string;
  params: unknown[];
}

/** Inserts a JSON array of records once per id (`ON CONFLICT DO NOTHING`), in array order. */
export function appendRecordsSql(names: PostgresNames, recordsJson: string): SqlStatement {
  const usage = (field: string): string => `coalesce((e->'usage'->>'${field}')::bigint, 0)`;
  return {
    text: `INSERT INTO ${names.records} (id, time, kind, provider, model, status, input_tokens,
  output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_nano_usd, priced,
  estimated, context, record)
SELECT e->>'id', (e->>'time')::timestamptz, e->>'kind', e->>'provider', e->>'model', e->>'status',
  ${usage("inputTokens")}, ${usage("outputTokens")}, ${usage("cacheReadTokens")},
  ${usage("cacheWriteTokens")}, ${usage("reasoningTokens")}, (e->>'costNanoUsd')::bigint,
  (e->>'priced')::boolean, (e->>'estimated')::boolean, coalesce(e->'context', '{}'::jsonb), e
FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS q(e, o)
ORDER BY o
ON CONFLICT (id) DO NOTHING`,
    params: [recordsJson],
  };
}

/** WHERE conditions of a filter, with parameters appended to `params`. */
function whereSql(compiled: CompiledRecordFilter, params: unknown[]): string {
  const parameter = (value: unknown): string => {
    params.push(typeof value === "string" ? escapePostgresText(value) : value);
    return `$${params.length}`;
  };
  const { filter } = compiled;
  const conditions: string[] = [];
  if (Number.isFinite(compiled.fromMs)) {
    conditions.push(`r.time >= ${parameter(new Date(compiled.fromMs).toISOString())}::timestamptz`);
  }
  if (Number.isFinite(compiled.toMs)) {
    conditions.push(`r.time < ${parameter(new Date(compiled.toMs).toISOString())}::timestamptz`);
  }
  if (filter.provider !== undefined)
    conditions.push(`r.provider = ${parameter(filter.provider)}::text`);
  if (filter.model !== undefined) conditions.push(`r.model = ${parameter(filter.model)}::text`);
  if (filter.status !== undefined) conditions.push(`r.status = ${parameter(filter.status)}::text`);
  if (filter.kind !== undefined) conditions.push(`r.kind = ${parameter(filter.kind)}::text`);
  for (const [key, value] of Object.entries(filter.context ?? {})) {
    const keyParameter = parameter(key);
    const valueParameter = parameter(value);
    // A string equal to the value, or a list (tags) containing it; both use the GIN index.
    conditions.push(
      `(r.context @> jsonb_build_object(${keyParameter}::text, ${valueParameter}::text) OR r.context @> jsonb_build_object(${keyParameter}::text, jsonb_build_array(${valueParameter}::text)))`,
    );
  }
  return conditions.length === 0 ? "" : `WHERE ${conditions.join(" AND ")}`;
}

/** Matching records, newest first (ties: last inserted first), at most `limit`. */
export function queryRecordsSql(
  names: PostgresNames,
  query: RecordQuery,
  compiled: CompiledRecordFilter,
): SqlStatement {
  const params: unknown[] = [];
  const where = whereSql(compiled, params);
  let limit = "";
  if (query.limit !== undefined) {
    params.push(String(Math.max(0, Math.floor(query.limit))));
    limit = `LIMIT $${params.length}::bigint`;
  }
  return {
    text: `SELECT r.record FROM ${names.records} AS r ${where} ORDER BY r.time DESC, r.seq DESC ${limit}`,
    params,
  };
}

/** The SQL expression of one group key; context keys add a lateral join (one row per list entry, NULL when absent). */
function groupExpression(key: string, index: number, params: unknown[], joins: string[]): string {
  if (key === "day") return `to_char(r.time AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
  if (RECORD_GROUP_KEYS.has(key)) return `r.${key}`;
  params.push(escapePostgresText(key));
  const value = `r.context -> $${params.length}::text`;
  joins.push(`LEFT JOIN LATERAL (
  SELECT DISTINCT entry.value AS value FROM jsonb_array_elements_text(CASE jsonb_typeof(${value})
    WHEN 'array' THEN ${value} WHEN 'string' THEN jsonb_build_array(${value}) ELSE '[]'::jsonb END) AS entry
) AS g${index} ON true`);
  return `g${index}.value`;
}

/** Sums grouped by `groupBy` (record fields, `day` in UTC, context keys). Sums come back as text (exact bigint). */
export function aggregateRecordsSql(
  names: PostgresNames,
  query: AggregateQuery,
  compiled: CompiledRecordFilter,
): SqlStatement {
  const params: unknown[] = [];
  const groupBy = query.groupBy ?? [];
  const joins: string[] = [];
  const groups = groupBy.map((key, index) => groupExpression(key, index, params, joins));
  const where = whereSql(compiled, params);
  const sum = (column: string): string => `coalesce(sum(r.${column}), 0)::text`;
  const columns = [
    ...groups.map((expression, index) => `${expression} AS group_${index}`),
    "count(*)::text AS requests",
    `${sum("input_tokens")} AS input_tokens`,
    `${sum("output_tokens")} AS output_tokens`,
    `${sum("cache_read_tokens")} AS cache_read_tokens`,
    `${sum("cache_write_tokens")} AS cache_write_tokens`,
    `${sum("reasoning_tokens")} AS reasoning_tokens`,
    `${sum("cost_nano_usd")} AS cost_nano_usd`,
    "(count(*) FILTER (WHERE NOT r.priced))::text AS unpriced_requests",
    "(count(*) FILTER (WHERE r.estimated))::text AS estimated_requests",
  ];
  const grouping =
    groups.length === 0 ? "" : `GROUP BY ${groups.map((_, index) => index + 1).join(", ")}`;
  return {
    text: `SELECT ${columns.join(", ")} FROM ${names.records} AS r ${joins.join(" ")} ${where} ${grouping}`,
    params,
  };
}
