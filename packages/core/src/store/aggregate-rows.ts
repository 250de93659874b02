import type { LedgerContext, UsageRecord } from "../ledger/types.js";
import type { AggregateQuery, AggregateRow } from "./ledger-query.js";
import { compileRecordFilter, matchesRecordFilter } from "./record-filter.js";

/** The summed fields of an {@link AggregateRow}. */
export type AggregateSums = Omit<AggregateRow, "group">;

/** Record fields (not context keys) a report can group by. */
export const RECORD_GROUP_KEYS: ReadonlySet<string> = new Set([
  "model",
  "provider",
  "day",
  "status",
  "kind",
]);

/** All-zero sums. */
export function zeroSums(): AggregateSums {
  return {
    requests: 0,
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    costNanoUsd: 0,
    unpricedRequests: 0,
    estimatedRequests: 0,
  };
}

/** Adds one record into `sums` (in place). */
export function addRecordToSums(sums: AggregateSums, record: UsageRecord): void {
  sums.requests += 1;
  sums.inputTokens += record.usage.inputTokens;
  sums.outputTokens += record.usage.outputTokens;
  sums.cacheReadTokens += record.usage.cacheReadTokens ?? 0;
  sums.cacheWriteTokens += record.usage.cacheWriteTokens ?? 0;
  sums.reasoningTokens += record.usage.reasoningTokens ?? 0;
  sums.costNanoUsd += record.costNanoUsd;
  if (!record.priced) sums.unpricedRequests += 1;
  if (record.estimated) sums.estimatedRequests += 1;
}

/** `sign` × `right` added into `target` (in place); `sign` -1 subtracts. */
export function addSumsInto(target: AggregateSums, right: AggregateSums, sign: 1 | -1 = 1): void {
  target.requests += sign * right.requests;
  target.inputTokens += sign * right.inputTokens;
  target.outputTokens += sign * right.outputTokens;
  target.cacheReadTokens += sign * right.cacheReadTokens;
  target.cacheWriteTokens += sign * right.cacheWriteTokens;
  target.reasoningTokens += sign * right.reasoningTokens;
  target.costNanoUsd += sign * right.costNanoUsd;
  target.unpricedRequests += sign * right.unpricedRequests;
  target.estimatedRequests += sign * right.estimatedRequests;
}

/** UTC day `YYYY-MM-DD` of an epoch-ms instant. */
export function utcDayOf(timeMs: number): string {
  return new Date(timeMs).toISOString().slice(0, 10);
}

/**
 * Group values of a context key: the string; each distinct entry of a list (a record tagged
 * `["a", "b"]` counts in both groups); `[null]` when absent or empty.
 */
export function contextGroupValues(value: LedgerContext[string]): readonly (string | null)[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length > 0) return [...new Set(value)];
  return [null];
}

/**
 * Accumulates sums by group, keyed by the JSON of the group values, and returns rows sorted
 * by group values (ascending, `null` last).
 */
export class AggregateAccumulator {
  private readonly rows = new Map<string, AggregateRow>();

  constructor(private readonly groupBy: readonly string[]) {}

  /** Sums for one combination of group values (created at zero). */
  sumsFor(values: readonly (string | null)[]): AggregateSums {
    const id = JSON.stringify(values);
    let row = this.rows.get(id);
    if (!row) {
      const group: Record<string, string | null> = {};
      this.groupBy.forEach((key, index) => {
        group[key] = values[index] ?? null;
      });
      row = { group, ...zeroSums() };
      this.rows.set(id, row);
    }
    return row;
  }

  /** Rows with at least one request, sorted by group values. */
  result(): AggregateRow[] {
    const compare = (left: string | null, right: string | null): number => {
      if (left === right) return 0;
      if (left === null) return 1;
      if (right === null) return -1;
      return left < right ? -1 : 1;
    };
    return [...this.rows.values()]
      .filter((row) => row.requests !== 0)
      .sort((left, right) => {
        for (const key of this.groupBy) {
          const order = compare(left.group[key] ?? null, right.group[key] ?? null);
          if (order !== 0) return order;
        }
        return 0;
      });
  }
}

/** Cartesian product of per-key value lists (usually each list has one value). */
export function combinations(lists: readonly (readonly (string | null)[])[]): (string | null)[][] {
  let result: (string | null)[][] = [[]];
  for (const list of lists) {
    const next: (string | null)[][] = [];
    for (const prefix of result) for (const value of list) next.push([...prefix, value]);
    result = next;
  }
  return result;
}

/** Group values of one record for each key of `groupBy` (lists of candidates per key). */
export function recordGroupValues(
  record: UsageRecord,
  groupBy: readonly string[],
  recordTimeMs: number,
): (string | null)[][] {
  return combinations(
    groupBy.map((key): readonly (string | null)[] => {
      switch (key) {
        case "model":
          return [record.model];
        case "provider":
          return [record.provider];
        case "status":
          return [record.status];
        case "kind":
          return [record.kind];
        case "day":
          return [utcDayOf(recordTimeMs)];
        default:
          return contextGroupValues(record.context[key]);
      }
    }),
  );
}

/**
 * Aggregates raw records (for stores that keep records as a list): filters as
 * {@link matchesRecordFilter}, groups as {@link AggregateQuery.groupBy}.
 */
export function aggregateRecords(
  records: Iterable<UsageRecord>,
  query: AggregateQuery,
): AggregateRow[] {
  const compiled = compileRecordFilter(query);
  const groupBy = query.groupBy ?? [];
  const accumulator = new AggregateAccumulator(groupBy);
  for (const record of records) {
    const recordTimeMs = Date.parse(record.time);
    if (!matchesRecordFilter(record, compiled, recordTimeMs)) continue;
    for (const values of recordGroupValues(record, groupBy, recordTimeMs)) {
      addRecordToSums(accumulator.sumsFor(values), record);
    }
  }
  return accumulator.result();
}
