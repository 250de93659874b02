import type { UsageRecord } from "../ledger/types.js";
import {
  type AggregateAccumulator,
  type AggregateSums,
  addRecordToSums,
  addSumsInto,
  contextGroupValues,
  RECORD_GROUP_KEYS,
  utcDayOf,
  zeroSums,
} from "./aggregate-rows.js";
import type { AggregateQuery } from "./ledger-query.js";
import type { CompiledRecordFilter } from "./record-filter.js";

const DAY_MS = 86_400_000;

/** Dimensions every rolled-up row keeps. */
interface RollupDims {
  day: string;
  provider: string;
  model: string;
  kind: string;
  status: string;
}

/**
 * A rolled-up row: `contextKey` null is the base row of its dims; with a key, `contextValue`
 * a value row, or `null` the "records that had this key" row (to derive the no-value group).
 */
interface RollupRow {
  dims: RollupDims;
  contextKey: string | null;
  contextValue: string | null;
  sums: AggregateSums;
}

/**
 * Sums of records that aged out of the memory store's raw log, per UTC day × provider × model ×
 * kind × status, and per each context key/value on top of those. Aggregates stay exact for
 * queries that group or filter on record fields plus at most ONE context key; time bounds apply
 * to whole UTC days.
 */
export class MemoryRecordRollup {
  private readonly rows = new Map<string, RollupRow>();
  private rolledUpCount = 0;

  /** @param contextKeys context keys to keep per-value sums for (`undefined`: all). */
  constructor(private readonly contextKeys: ReadonlySet<string> | undefined) {}

  /** How many records were rolled up. */
  get count(): number {
    return this.rolledUpCount;
  }

  /** Folds one record into the sums. */
  add(record: UsageRecord): void {
    this.rolledUpCount += 1;
    const dims: RollupDims = {
      day: utcDayOf(Date.parse(record.time)),
      provider: record.provider,
      model: record.model,
      kind: record.kind,
      status: record.status,
    };
    addRecordToSums(this.rowFor(dims, null, null), record);
    for (const [key, value] of Object.entries(record.context)) {
      if (this.contextKeys && !this.contextKeys.has(key)) continue;
      const values = contextGroupValues(value).filter((entry) => entry !== null);
      if (values.length === 0) continue;
      addRecordToSums(this.rowFor(dims, key, null), record);
      for (const entry of values) addRecordToSums(this.rowFor(dims, key, entry), record);
    }
  }

  /**
   * Adds what the rolled-up sums can answer for `query` into `accumulator`. Returns `false`
   * (adding nothing) when the query involves two or more context keys, or a key not kept.
   */
  contribute(
    accumulator: AggregateAccumulator,
    query: AggregateQuery,
    compiled: CompiledRecordFilter,
  ): boolean {
    if (this.rolledUpCount === 0) return true;
    const groupBy = query.groupBy ?? [];
    const filterContext = query.context ?? {};
    const contextKeys = new Set([
      ...Object.keys(filterContext),
      ...groupBy.filter((key) => !RECORD_GROUP_KEYS.has(key)),
    ]);
    if (contextKeys.size > 1) return false;
    const [contextKey] = contextKeys;
    if (contextKey !== undefined && this.contextKeys && !this.contextKeys.has(contextKey)) {
      return false;
    }
    const groupValues = (dims: RollupDims, contextValue: string | null): (string | null)[] =>
      groupBy.map((key) =>
        RECORD_GROUP_KEYS.has(key) ? dims[key as keyof RollupDims] : contextValue,
      );
    const wanted = filterContext[contextKey ?? ""];
    const presentByDims = new Map<string, AggregateSums>();
    for (const row of this.rows.values()) {
      if (!this.dimsMatch(row.dims, compiled)) continue;
      if (contextKey === undefined) {
        if (row.contextKey === null) {
          addSumsInto(accumulator.sumsFor(groupValues(row.dims, null)), row.sums);
        }
        continue;
      }
      if (row.contextKey !== contextKey) continue;
      if (row.contextValue === null) {
        presentByDims.set(JSON.stringify(row.dims), row.sums);
      } else if (wanted === undefined || row.contextValue === wanted) {
        addSumsInto(accumulator.sumsFor(groupValues(row.dims, row.contextValue)), row.sums);
      }
    }
    if (contextKey !== undefined && wanted === undefined) {
      // Records without the key: base sums minus the sums of records that had it.
      for (const row of this.rows.values()) {
        if (row.contextKey !== null || !this.dimsMatch(row.dims, compiled)) continue;
        const without = zeroSums();
        addSumsInto(without, row.sums);
        const present = presentByDims.get(JSON.stringify(row.dims));
        if (present) addSumsInto(without, present, -1);
        if (without.requests > 0) {
          addSumsInto(accumulator.sumsFor(groupValues(row.dims, null)), without);
        }
      }
    }
    return true;
  }

  private dimsMatch(dims: RollupDims, compiled: CompiledRecordFilter): boolean {
    const { filter } = compiled;
    if (filter.provider !== undefined && dims.provider !== filter.provider) return false;
    if (filter.model !== undefined && dims.model !== filter.model) return false;
    if (filter.status !== undefined && dims.status !== filter.status) return false;
    if (filter.kind !== undefined && dims.kind !== filter.kind) return false;
    const dayStartMs = Date.parse(`${dims.day}T00:00:00.000Z`);
    return dayStartMs < compiled.toMs && dayStartMs + DAY_MS > compiled.fromMs;
  }

  private rowFor(
    dims: RollupDims,
    contextKey: string | null,
    contextValue: string | null,
  ): AggregateSums {
    const id = JSON.stringify([dims, contextKey, contextValue]);
    let row = this.rows.get(id);
    if (!row) {
      row = { dims, contextKey, contextValue, sums: zeroSums() };
      this.rows.set(id, row);
    }
    return row.sums;
  }
}
