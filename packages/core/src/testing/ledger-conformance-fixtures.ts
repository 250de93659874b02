import type { UsageRecord } from "../ledger/types.js";
import type { AggregateRow } from "../store/ledger-query.js";
import { stableStringify } from "./conformance-assert.js";
import { makeUsageRecord } from "./conformance-fixtures.js";

/**
 * Five records over two UTC days. Every record carries `{ conformanceRun: run }` so queries
 * filtered on it see only this case's records on a shared backend.
 */
export function fiveRecords(run: string): UsageRecord[] {
  const context = (extra: Record<string, string>) => ({ conformanceRun: run, ...extra });
  return [
    makeUsageRecord({
      id: `${run}-r1`,
      time: "2031-03-14T10:00:00.000Z",
      provider: "openai",
      model: "gpt-4o",
      usage: { inputTokens: 100, outputTokens: 50, cacheReadTokens: 40 },
      costNanoUsd: 1_000,
      context: context({ userId: "u1" }),
    }),
    makeUsageRecord({
      id: `${run}-r2`,
      time: "2031-03-14T12:00:00.000Z",
      provider: "openai",
      model: "gpt-4o-mini",
      usage: { inputTokens: 200, outputTokens: 20 },
      costNanoUsd: 30,
      estimated: true,
      context: context({ userId: "u2" }),
    }),
    makeUsageRecord({
      id: `${run}-r3`,
      time: "2031-03-15T09:00:00.000Z",
      provider: "anthropic",
      model: "claude-x",
      usage: { inputTokens: 300, outputTokens: 0, cacheWriteTokens: 100 },
      costNanoUsd: 900,
      status: "error",
      context: context({ userId: "u1" }),
    }),
    makeUsageRecord({
      id: `${run}-r4`,
      time: "2031-03-15T11:00:00.000Z",
      provider: "anthropic",
      model: "claude-x",
      usage: { inputTokens: 10, outputTokens: 5, reasoningTokens: 3 },
      costNanoUsd: 0,
      priced: false,
      context: context({}),
    }),
    makeUsageRecord({
      id: `${run}-r5`,
      time: "2031-03-15T13:00:00.000Z",
      provider: "openai",
      model: "text-embedding-3-small",
      kind: "embedding",
      usage: { inputTokens: 1_000, outputTokens: 0 },
      costNanoUsd: 20,
      status: "aborted",
      context: context({ userId: "u2" }),
    }),
  ];
}

/** The summed fields of an aggregate row. */
export type Sums = Omit<AggregateRow, "group">;
/** Sums with zeros for the fields not given. */
export const sums = (partial: Partial<Sums>): Sums => ({
  requests: 0,
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costNanoUsd: 0,
  unpricedRequests: 0,
  estimatedRequests: 0,
  ...partial,
});
/** Rows in a fixed order (by group), so stores may return them in any order. */
export const sortRows = (rows: readonly AggregateRow[]): AggregateRow[] =>
  [...rows].sort((left, right) =>
    stableStringify(left.group) < stableStringify(right.group) ? -1 : 1,
  );
