import type { UsageRecord } from "../../ledger/types.js";
import { aggregateRecords, utcDayOf } from "../aggregate-rows.js";
import type { AggregateQuery, AggregateRow, RecordQuery } from "../ledger-query.js";
import {
  type CompiledRecordFilter,
  compileRecordFilter,
  matchesRecordFilter,
} from "../record-filter.js";
import type { RunScript } from "./redis-client.js";
import { encodeKeyPart, type RedisKeyspace } from "./redis-keys.js";
import { AGGREGATE_READ_SCRIPT, APPEND_SCRIPT, QUERY_SCRIPT } from "./redis-ledger-scripts.js";
import {
  aggregateRollup,
  parseRollupReply,
  rollupAnswers,
  rollupIncrements,
} from "./redis-rollup.js";

/** Records per append script call (a batch is atomic; dedupe makes retries safe). */
const APPEND_BATCH = 100;
/** Records per query page. */
const PAGE_SIZE = 500;

/** Options of {@link RedisRecordLog}. */
export interface RedisRecordLogOptions {
  run: RunScript;
  keyspace: RedisKeyspace;
  maxRecords: number;
  rollupContextKeys: ReadonlySet<string> | undefined;
}

const minScore = (timeMs: number): string => (Number.isFinite(timeMs) ? String(timeMs) : "-inf");
const maxScoreExclusive = (timeMs: number): string =>
  Number.isFinite(timeMs) ? `(${timeMs}` : "+inf";

/**
 * The Redis store's ledger: raw records in a sorted set by time (the newest `maxRecords` kept,
 * for `query`), deduped by record id, and per-UTC-day sums kept for every record ever
 * appended (never trimmed) for `aggregate`.
 */
export class RedisRecordLog {
  constructor(private readonly options: RedisRecordLogOptions) {}

  private get ledgerKeys(): string[] {
    const { keyspace } = this.options;
    return [
      keyspace.records,
      keyspace.recordData,
      keyspace.recordIds,
      keyspace.recordSequence,
      keyspace.aggregateDays,
    ];
  }

  async append(records: readonly UsageRecord[]): Promise<void> {
    const prepared = records.map((record) => {
      const timeMs = Date.parse(record.time);
      if (!Number.isFinite(timeMs)) {
        throw new RangeError(
          `Usage record "${record.id}" has an invalid time ${JSON.stringify(record.time)}; records need an ISO-8601 time.`,
        );
      }
      const day = utcDayOf(timeMs);
      const increments = rollupIncrements(record, this.options.rollupContextKeys);
      return [
        encodeKeyPart(record.id),
        String(timeMs),
        JSON.stringify(record),
        day,
        String(Date.parse(`${day}T00:00:00.000Z`)),
        String(increments.length),
        ...increments.flat(),
      ];
    });
    const { keyspace, maxRecords, run } = this.options;
    for (let start = 0; start < prepared.length; start += APPEND_BATCH) {
      const batch = prepared.slice(start, start + APPEND_BATCH).flat();
      await run(APPEND_SCRIPT, this.ledgerKeys, [
        keyspace.prefix,
        "0",
        String(maxRecords),
        ...batch,
      ]);
    }
  }

  async query(query: RecordQuery): Promise<UsageRecord[]> {
    const limit = query.limit === undefined ? Number.POSITIVE_INFINITY : Math.max(0, query.limit);
    if (limit === 0) return [];
    const matching: UsageRecord[] = [];
    await this.scan(compileRecordFilter(query), (record) => {
      matching.push(record);
      return matching.length < limit;
    });
    return matching;
  }

  async aggregate(query: AggregateQuery): Promise<AggregateRow[]> {
    const compiled = compileRecordFilter(query);
    if (rollupAnswers(query, compiled, this.options.rollupContextKeys)) {
      const { keyspace, run } = this.options;
      const reply = await run(
        AGGREGATE_READ_SCRIPT,
        [keyspace.aggregateDays],
        [keyspace.prefix, "0", minScore(compiled.fromMs), maxScoreExclusive(compiled.toMs)],
      );
      return aggregateRollup(parseRollupReply(reply), query, compiled);
    }
    const records: UsageRecord[] = [];
    await this.scan(compiled, (record) => {
      records.push(record);
      return true;
    });
    return aggregateRecords(records, query);
  }

  /** Visits matching raw records newest first until `visit` returns false. */
  private async scan(
    compiled: CompiledRecordFilter,
    visit: (record: UsageRecord) => boolean,
  ): Promise<void> {
    const { keyspace, run } = this.options;
    const seen = new Set<string>();
    const max = maxScoreExclusive(compiled.toMs);
    const min = minScore(compiled.fromMs);
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const reply = await run(
        QUERY_SCRIPT,
        [keyspace.records, keyspace.recordData],
        [keyspace.prefix, "0", max, min, String(offset), String(PAGE_SIZE)],
      );
      const values = Array.isArray(reply) ? reply : [];
      for (const value of values) {
        if (typeof value !== "string") continue; // trimmed between the range and the read
        const record = JSON.parse(value.slice(value.indexOf("\n") + 1)) as UsageRecord;
        if (seen.has(record.id)) continue; // a page shifted by concurrent appends
        seen.add(record.id);
        if (matchesRecordFilter(record, compiled) && !visit(record)) return;
      }
      if (values.length < PAGE_SIZE) return;
    }
  }
}
