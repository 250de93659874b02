import type { CallKind, CallStatus } from "../ledger/types.js";

/** A time bound: ISO-8601 string, epoch ms or a `Date`. */
export type TimeBound = string | number | Date;

/** Filters shared by {@link RecordQuery} and {@link AggregateQuery}. All optional; all must match. */
export interface RecordFilter {
  /** Inclusive lower bound on the record's `time`. */
  from?: TimeBound;
  /** Exclusive upper bound on the record's `time`. */
  to?: TimeBound;
  /** Catalog provider id (exact). */
  provider?: string;
  /** Priced model id (`record.model`, exact). */
  model?: string;
  status?: CallStatus;
  kind?: CallKind;
  /** Context key → value; a record matches when each key equals the value (or, for arrays like `tags`, contains it). */
  context?: Record<string, string>;
}

/** Input to `store.query`: matching records, newest first. */
export interface RecordQuery extends RecordFilter {
  /** At most this many records (newest first). */
  limit?: number;
}

/** A grouping dimension: a record field, the UTC day, or any context key (`userId`, `teamId`, `feature`, …). */
export type AggregateGroupKey = "model" | "provider" | "day" | "status" | "kind" | (string & {});

/** Input to `store.aggregate`. */
export interface AggregateQuery extends RecordFilter {
  /** Dimensions to group by; empty or absent gives one row of totals. */
  groupBy?: readonly AggregateGroupKey[];
}

/** Sums of one group. Token and cost sums are exact integers. */
export interface AggregateRow {
  /** Group key → value (`day` as `YYYY-MM-DD` in UTC); `null` when a record has no value for a context key. */
  group: Record<string, string | null>;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  costNanoUsd: number;
  unpricedRequests: number;
  estimatedRequests: number;
}
