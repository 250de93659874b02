import type { UsageRecord } from "../../ledger/types.js";
import {
  AggregateAccumulator,
  type AggregateSums,
  addRecordToSums,
  addSumsInto,
  contextGroupValues,
  RECORD_GROUP_KEYS,
  zeroSums,
} from "../aggregate-rows.js";
import type { AggregateQuery, AggregateRow } from "../ledger-query.js";
import type { CompiledRecordFilter } from "../record-filter.js";

const DAY_MS = 86_400_000;

/** The summed fields, in the order of their one-digit index in an aggregate field name. */
const SUM_FIELDS: readonly (keyof AggregateSums)[] = [
  "requests",
  "inputTokens",
  "outputTokens",
  "cacheReadTokens",
  "cacheWriteTokens",
  "reasoningTokens",
  "costNanoUsd",
  "unpricedRequests",
  "estimatedRequests",
];

/**
 * A row of per-day sums: `[provider, model, kind, status, contextKey, contextValue]`.
 * `contextKey` null: the base row; a key with value null: records that had the key (to derive
 * the "no value" group); a key and value: records with that value.
 */
type RowId = [string, string, string, string, string | null, string | null];

/**
 * The aggregate-hash increments of one record: field `<sum index><row JSON>` → increment, for
 * the base row and each context key (all keys, or only `contextKeys`). Zero increments are left out.
 */
export function rollupIncrements(
  record: UsageRecord,
  contextKeys: ReadonlySet<string> | undefined,
): [string, string][] {
  const sums = zeroSums();
  addRecordToSums(sums, record);
  const dims = [record.provider, record.model, record.kind, record.status] as const;
  const rows: RowId[] = [[...dims, null, null]];
  for (const [key, value] of Object.entries(record.context)) {
    if (contextKeys && !contextKeys.has(key)) continue;
    const values = contextGroupValues(value).filter((entry) => entry !== null);
    if (values.length === 0) continue;
    rows.push([...dims, key, null]);
    for (const entry of values) rows.push([...dims, key, entry]);
  }
  const increments: [string, string][] = [];
  for (const row of rows) {
    const rowJson = JSON.stringify(row);
    SUM_FIELDS.forEach((field, index) => {
      const increment = sums[field];
      if (increment !== 0) increments.push([`${index}${rowJson}`, String(increment)]);
    });
  }
  return increments;
}

interface ParsedRow {
  day: string;
  id: RowId;
  sums: AggregateSums;
}

/** Parses the `{day, {field, value, …}, …}` reply of the aggregate-read script. */
export function parseRollupReply(reply: unknown): ParsedRow[] {
  const rows = new Map<string, ParsedRow>();
  const list = Array.isArray(reply) ? reply : [];
  for (let index = 0; index + 1 < list.length; index += 2) {
    const day = String(list[index]);
    const fields = list[index + 1];
    const pairs: [string, string][] = [];
    if (Array.isArray(fields)) {
      for (let at = 0; at + 1 < fields.length; at += 2) {
        pairs.push([String(fields[at]), String(fields[at + 1])]);
      }
    } else if (fields && typeof fields === "object") {
      // RESP3 clients may map a hash reply to an object.
      for (const [field, value] of Object.entries(fields)) pairs.push([field, String(value)]);
    }
    for (const [field, value] of pairs) {
      const sumField = SUM_FIELDS[Number(field[0])];
      if (sumField === undefined) continue;
      const rowJson = field.slice(1);
      const mapKey = `${day}${rowJson}`;
      let row = rows.get(mapKey);
      if (!row) {
        row = { day, id: JSON.parse(rowJson) as RowId, sums: zeroSums() };
        rows.set(mapKey, row);
      }
      row.sums[sumField] += Number(value);
    }
  }
  return [...rows.values()];
}

/**
 * True when per-day sums answer `query` exactly: at most one context key (as filter or group),
 * kept in the sums, and time bounds absent or on UTC day boundaries.
 */
export function rollupAnswers(
  query: AggregateQuery,
  compiled: CompiledRecordFilter,
  contextKeys: ReadonlySet<string> | undefined,
): boolean {
  const keys = new Set([
    ...Object.keys(query.context ?? {}),
    ...(query.groupBy ?? []).filter((key) => !RECORD_GROUP_KEYS.has(key)),
  ]);
  if (keys.size > 1) return false;
  const [key] = keys;
  if (key !== undefined && contextKeys && !contextKeys.has(key)) return false;
  const onDayBoundary = (timeMs: number): boolean =>
    !Number.isFinite(timeMs) || timeMs % DAY_MS === 0;
  return onDayBoundary(compiled.fromMs) && onDayBoundary(compiled.toMs);
}

/** Aggregate rows from per-day sums (the query must pass {@link rollupAnswers}). */
export function aggregateRollup(
  rows: readonly ParsedRow[],
  query: AggregateQuery,
  compiled: CompiledRecordFilter,
): AggregateRow[] {
  const groupBy = query.groupBy ?? [];
  const accumulator = new AggregateAccumulator(groupBy);
  const filter = compiled.filter;
  const filterContext = query.context ?? {};
  const contextKey = [
    ...Object.keys(filterContext),
    ...groupBy.filter((key) => !RECORD_GROUP_KEYS.has(key)),
  ][0];
  const wanted = contextKey === undefined ? undefined : filterContext[contextKey];
  const matching = rows.filter(({ id: [provider, model, kind, status] }) => {
    if (filter.provider !== undefined && provider !== filter.provider) return false;
    if (filter.model !== undefined && model !== filter.model) return false;
    if (filter.status !== undefined && status !== filter.status) return false;
    return filter.kind === undefined || kind === filter.kind;
  });
  const groupValues = (row: ParsedRow, contextValue: string | null): (string | null)[] => {
    const [provider, model, kind, status] = row.id;
    const dims: Record<string, string> = { provider, model, kind, status, day: row.day };
    return groupBy.map((key) => (RECORD_GROUP_KEYS.has(key) ? (dims[key] ?? null) : contextValue));
  };
  const dimsId = (row: ParsedRow): string => JSON.stringify([row.day, ...row.id.slice(0, 4)]);
  const presentByDims = new Map<string, AggregateSums>();
  for (const row of matching) {
    const [, , , , key, value] = row.id;
    if (contextKey === undefined) {
      if (key === null) addSumsInto(accumulator.sumsFor(groupValues(row, null)), row.sums);
    } else if (key === contextKey) {
      if (value === null) presentByDims.set(dimsId(row), row.sums);
      else if (wanted === undefined || value === wanted) {
        addSumsInto(accumulator.sumsFor(groupValues(row, value)), row.sums);
      }
    }
  }
  if (contextKey !== undefined && wanted === undefined) {
    // Records without the key: base sums minus the sums of records that had it.
    for (const row of matching) {
      if (row.id[4] !== null) continue;
      const without = zeroSums();
      addSumsInto(without, row.sums);
      const present = presentByDims.get(dimsId(row));
      if (present) addSumsInto(without, present, -1);
      if (without.requests > 0) addSumsInto(accumulator.sumsFor(groupValues(row, null)), without);
    }
  }
  return accumulator.result();
}
