import type { UsageRecord } from "../../ledger/types.js";
import { AggregateAccumulator, type AggregateSums } from "../aggregate-rows.js";
import type { AggregateQuery, AggregateRow, RecordQuery } from "../ledger-query.js";
import { compileRecordFilter } from "../record-filter.js";
import { jsonValue, type RunQuery } from "./postgres-client.js";
import type { PostgresNames } from "./postgres-names.js";
import { aggregateRecordsSql, appendRecordsSql, queryRecordsSql } from "./postgres-record-sql.js";
import {
  postgresJson,
  unescapePostgresJson,
  unescapePostgresText,
} from "./postgres-text-escape.js";

/** Records per INSERT statement. */
const APPEND_BATCH = 500;

const SUM_COLUMNS: readonly [keyof AggregateSums, string][] = [
  ["requests", "requests"],
  ["inputTokens", "input_tokens"],
  ["outputTokens", "output_tokens"],
  ["cacheReadTokens", "cache_read_tokens"],
  ["cacheWriteTokens", "cache_write_tokens"],
  ["reasoningTokens", "reasoning_tokens"],
  ["costNanoUsd", "cost_nano_usd"],
  ["unpricedRequests", "unpriced_requests"],
  ["estimatedRequests", "estimated_requests"],
];

/** The Postgres store's ledger: one row per record (deduped by id), sums computed in SQL. */
export class PostgresRecordLog {
  constructor(
    private readonly run: RunQuery,
    private readonly names: PostgresNames,
  ) {}

  async append(records: readonly UsageRecord[]): Promise<void> {
    for (const record of records) {
      if (!Number.isFinite(Date.parse(record.time))) {
        throw new RangeError(
          `Usage record "${record.id}" has an invalid time ${JSON.stringify(record.time)}; records need an ISO-8601 time.`,
        );
      }
    }
    for (let start = 0; start < records.length; start += APPEND_BATCH) {
      const batch = records.slice(start, start + APPEND_BATCH);
      const statement = appendRecordsSql(this.names, postgresJson(batch));
      await this.run(statement.text, statement.params);
    }
  }

  async query(query: RecordQuery): Promise<UsageRecord[]> {
    const statement = queryRecordsSql(this.names, query, compileRecordFilter(query));
    const rows = await this.run(statement.text, statement.params);
    return rows.map((row) => unescapePostgresJson(jsonValue<UsageRecord>(row.record)));
  }

  async aggregate(query: AggregateQuery): Promise<AggregateRow[]> {
    const groupBy = query.groupBy ?? [];
    const statement = aggregateRecordsSql(this.names, query, compileRecordFilter(query));
    const rows = await this.run(statement.text, statement.params);
    const accumulator = new AggregateAccumulator(groupBy);
    for (const row of rows) {
      const values = groupBy.map((_, index) => {
        const value = row[`group_${index}`];
        return value === null || value === undefined ? null : unescapePostgresText(String(value));
      });
      const sums = accumulator.sumsFor(values);
      for (const [field, column] of SUM_COLUMNS) sums[field] += Number(row[column]);
    }
    return accumulator.result();
  }
}
