import type { UsageRecord } from "../ledger/types.js";
import { AggregateAccumulator, addRecordToSums, recordGroupValues } from "./aggregate-rows.js";
import type { AggregateQuery, AggregateRow, RecordQuery } from "./ledger-query.js";
import { MemoryRecordRollup } from "./memory-record-rollup.js";
import { compileRecordFilter, matchesRecordFilter } from "./record-filter.js";
import { recordTimeMs } from "./record-time-ms.js";

interface StoredRecord {
  record: UsageRecord;
  timeMs: number;
  sequence: number;
}

/** A copy the caller cannot use to change the stored record (nor the other way round). */
const copyRecord = (record: UsageRecord): UsageRecord => ({
  ...record,
  usage: { ...record.usage },
  context: { ...record.context },
});

/**
 * The memory store's ledger: the newest `maxRecords` records kept raw (for `query`), older ones
 * rolled up into {@link MemoryRecordRollup} sums so `aggregate` stays correct.
 */
export class MemoryRecordLog {
  /** Raw records from `head` on; slots before `head` are rolled up and emptied (freed). */
  private readonly records: (StoredRecord | undefined)[] = [];
  /** Ids of the raw records: a replayed append is ignored (ids rolled up are forgotten). */
  private readonly ids = new Set<string>();
  private head = 0;
  private sequence = 0;
  private readonly rollup: MemoryRecordRollup;

  constructor(
    private readonly maxRecords: number,
    rollupContextKeys: readonly string[] | undefined,
  ) {
    this.rollup = new MemoryRecordRollup(
      rollupContextKeys ? new Set(rollupContextKeys) : undefined,
    );
  }

  /** Records kept raw. */
  get size(): number {
    return this.records.length - this.head;
  }

  /** Records folded into daily sums (no longer returned by `query`). */
  get rolledUpCount(): number {
    return this.rollup.count;
  }

  append(records: readonly UsageRecord[]): void {
    for (const record of records) {
      if (this.ids.has(record.id)) continue;
      const timeMs = recordTimeMs(record.time);
      if (!Number.isFinite(timeMs)) {
        throw new RangeError(
          `Usage record "${record.id}" has an invalid time ${JSON.stringify(record.time)}; records need an ISO-8601 time.`,
        );
      }
      this.records.push({ record: copyRecord(record), timeMs, sequence: this.sequence++ });
      this.ids.add(record.id);
    }
    while (this.size > this.maxRecords) {
      const oldest = this.records[this.head]!;
      this.rollup.add(oldest.record);
      this.ids.delete(oldest.record.id);
      this.records[this.head] = undefined; // freed now, not at the next splice
      this.head += 1;
    }
    // Drop the rolled-up prefix once it is the larger half (amortized O(1) per record).
    if (this.head > 1024 && this.head * 2 > this.records.length) {
      this.records.splice(0, this.head);
      this.head = 0;
    }
  }

  query(query: RecordQuery): UsageRecord[] {
    const compiled = compileRecordFilter(query);
    const matching: StoredRecord[] = [];
    for (let index = this.head; index < this.records.length; index += 1) {
      const stored = this.records[index]!;
      if (matchesRecordFilter(stored.record, compiled, stored.timeMs)) matching.push(stored);
    }
    matching.sort((left, right) => right.timeMs - left.timeMs || right.sequence - left.sequence);
    const limited =
      query.limit === undefined ? matching : matching.slice(0, Math.max(0, query.limit));
    return limited.map((stored) => copyRecord(stored.record));
  }

  aggregate(query: AggregateQuery): AggregateRow[] {
    const compiled = compileRecordFilter(query);
    const groupBy = query.groupBy ?? [];
    const accumulator = new AggregateAccumulator(groupBy);
    for (let index = this.head; index < this.records.length; index += 1) {
      const stored = this.records[index]!;
      if (!matchesRecordFilter(stored.record, compiled, stored.timeMs)) continue;
      for (const values of recordGroupValues(stored.record, groupBy, stored.timeMs)) {
        addRecordToSums(accumulator.sumsFor(values), stored.record);
      }
    }
    this.rollup.contribute(accumulator, query, compiled);
    return accumulator.result();
  }
}
