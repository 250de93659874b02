import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { LedgerContext, UsageRecord } from "../ledger/types.js";
import type { RecordFilter, TimeBound } from "./ledger-query.js";

/** A {@link RecordFilter} with its time bounds parsed once. */
export interface CompiledRecordFilter {
  readonly filter: RecordFilter;
  /** Inclusive, epoch ms (`-Infinity` when absent). */
  readonly fromMs: number;
  /** Exclusive, epoch ms (`Infinity` when absent). */
  readonly toMs: number;
}

/** Epoch ms of a time bound; throws {@link InvalidConfigError} when it is not a time. */
export function timeBoundToMs(bound: TimeBound, name: string): number {
  const timeMs =
    bound instanceof Date ? bound.getTime() : typeof bound === "number" ? bound : Date.parse(bound);
  if (!Number.isFinite(timeMs)) {
    throw new InvalidConfigError({
      message: `Query "${name}" is not a valid time: ${JSON.stringify(bound)}. Pass an ISO-8601 string, epoch milliseconds or a Date.`,
    });
  }
  return timeMs;
}

/** Parses the time bounds of a filter once. */
export function compileRecordFilter(filter: RecordFilter): CompiledRecordFilter {
  return {
    filter,
    fromMs:
      filter.from === undefined ? Number.NEGATIVE_INFINITY : timeBoundToMs(filter.from, "from"),
    toMs: filter.to === undefined ? Number.POSITIVE_INFINITY : timeBoundToMs(filter.to, "to"),
  };
}

/** True when a context value equals `expected`, or (for lists like `tags`) contains it. */
export function contextValueMatches(value: LedgerContext[string], expected: string): boolean {
  if (typeof value === "string") return value === expected;
  if (Array.isArray(value)) return value.includes(expected);
  return false;
}

/** True when `record` passes every field of the filter (`from` inclusive, `to` exclusive). */
export function matchesRecordFilter(
  record: UsageRecord,
  compiled: CompiledRecordFilter,
  recordTimeMs: number = Date.parse(record.time),
): boolean {
  const { filter } = compiled;
  if (recordTimeMs < compiled.fromMs || recordTimeMs >= compiled.toMs) return false;
  if (filter.provider !== undefined && record.provider !== filter.provider) return false;
  if (filter.model !== undefined && record.model !== filter.model) return false;
  if (filter.status !== undefined && record.status !== filter.status) return false;
  if (filter.kind !== undefined && record.kind !== filter.kind) return false;
  if (filter.context) {
    for (const [key, expected] of Object.entries(filter.context)) {
      if (!contextValueMatches(record.context[key], expected)) return false;
    }
  }
  return true;
}
