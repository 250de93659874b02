import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { UsageRecord } from "../ledger/types.js";
import { makeUsageRecord } from "../testing/conformance-fixtures.js";
import type { AggregateRow } from "./ledger-query.js";
import { memoryStore } from "./memory-store.js";

const D1 = "2031-03-14";
const D2 = "2031-03-15";

/** r1 u1 · r2 u2 · r3 u1 · r4 (no user) · r5 u2, over two UTC days. */
const records: UsageRecord[] = [
  makeUsageRecord({
    id: "r1",
    time: `${D1}T10:00:00.000Z`,
    model: "gpt-4o",
    usage: { inputTokens: 100, outputTokens: 50, cacheReadTokens: 40 },
    costNanoUsd: 1_000,
    context: { userId: "u1" },
  }),
  makeUsageRecord({
    id: "r2",
    time: `${D1}T12:00:00.000Z`,
    model: "gpt-4o-mini",
    usage: { inputTokens: 200, outputTokens: 20 },
    costNanoUsd: 30,
    estimated: true,
    context: { userId: "u2" },
  }),
  makeUsageRecord({
    id: "r3",
    time: `${D2}T09:00:00.000Z`,
    provider: "anthropic",
    model: "claude-x",
    usage: { inputTokens: 300, outputTokens: 0, cacheWriteTokens: 100 },
    costNanoUsd: 900,
    status: "error",
    context: { userId: "u1" },
  }),
  makeUsageRecord({
    id: "r4",
    time: `${D2}T11:00:00.000Z`,
    provider: "anthropic",
    model: "claude-x",
    usage: { inputTokens: 10, outputTokens: 5, reasoningTokens: 3 },
    costNanoUsd: 0,
    priced: false,
    context: { feature: "chat" },
  }),
  makeUsageRecord({
    id: "r5",
    time: `${D2}T13:00:00.000Z`,
    model: "text-embedding-3-small",
    kind: "embedding",
    usage: { inputTokens: 1_000, outputTokens: 0 },
    costNanoUsd: 20,
    status: "aborted",
    context: { userId: "u2", feature: "search" },
  }),
];

type Sums = Omit<AggregateRow, "group">;
const sums = (partial: Partial<Sums>): Sums => ({
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

describe("memoryStore records and roll-up", () => {
  it("keeps maxRecords raw records and rolls older ones up", async () => {
    const store = memoryStore({ maxRecords: 1 });
    await store.append(records);
    expect(store.stats()).toMatchObject({ records: 1, rolledUpRecords: 4 });
    expect((await store.query({})).map((record) => record.id)).toEqual(["r5"]);
  });

  it("aggregates exactly across raw and rolled-up records by a context key, incl. the no-value group", async () => {
    const store = memoryStore({ maxRecords: 1 });
    await store.append(records);
    // r1..r4 rolled up, r5 raw.
    expect(await store.aggregate({ groupBy: ["userId"] })).toEqual([
      {
        group: { userId: "u1" },
        ...sums({
          requests: 2,
          inputTokens: 100 + 300,
          outputTokens: 50,
          cacheReadTokens: 40,
          cacheWriteTokens: 100,
          costNanoUsd: 1_000 + 900,
        }),
      },
      {
        group: { userId: "u2" },
        ...sums({
          requests: 2,
          inputTokens: 200 + 1_000,
          outputTokens: 20,
          costNanoUsd: 30 + 20,
          estimatedRequests: 1,
        }),
      },
      {
        group: { userId: null },
        ...sums({
          requests: 1,
          inputTokens: 10,
          outputTokens: 5,
          reasoningTokens: 3,
          unpricedRequests: 1,
        }),
      },
    ]);
  });

  it("aggregates rolled-up records by record fields, and with one context filter", async () => {
    const store = memoryStore({ maxRecords: 1 });
    await store.append(records);
    expect(await store.aggregate({ groupBy: ["provider", "model"] })).toEqual([
      {
        group: { provider: "anthropic", model: "claude-x" },
        ...sums({
          requests: 2,
          inputTokens: 310,
          outputTokens: 5,
          cacheWriteTokens: 100,
          reasoningTokens: 3,
          costNanoUsd: 900,
          unpricedRequests: 1,
        }),
      },
      {
        group: { provider: "openai", model: "gpt-4o" },
        ...sums({
          requests: 1,
          inputTokens: 100,
          outputTokens: 50,
          cacheReadTokens: 40,
          costNanoUsd: 1_000,
        }),
      },
      {
        group: { provider: "openai", model: "gpt-4o-mini" },
        ...sums({
          requests: 1,
          inputTokens: 200,
          outputTokens: 20,
          costNanoUsd: 30,
          estimatedRequests: 1,
        }),
      },
      {
        group: { provider: "openai", model: "text-embedding-3-small" },
        ...sums({ requests: 1, inputTokens: 1_000, costNanoUsd: 20 }),
      },
    ]);
    expect(await store.aggregate({ context: { userId: "u1" }, groupBy: ["day"] })).toEqual([
      {
        group: { day: D1 },
        ...sums({
          requests: 1,
          inputTokens: 100,
          outputTokens: 50,
          cacheReadTokens: 40,
          costNanoUsd: 1_000,
        }),
      },
      {
        group: { day: D2 },
        ...sums({ requests: 1, inputTokens: 300, cacheWriteTokens: 100, costNanoUsd: 900 }),
      },
    ]);
    expect(await store.aggregate({ status: "error" })).toEqual([
      {
        group: {},
        ...sums({ requests: 1, inputTokens: 300, cacheWriteTokens: 100, costNanoUsd: 900 }),
      },
    ]);
  });

  it("matches rolled-up records by whole UTC day for time bounds (documented)", async () => {
    const store = memoryStore({ maxRecords: 1 });
    await store.append(records);
    // r5 (13:00, raw) is inside; rolled-up day D2 (r3 at 09:00, r4 at 11:00) overlaps the range so counts whole.
    const [row] = await store.aggregate({ from: `${D2}T10:00:00.000Z` });
    expect(row?.requests).toBe(3);
  });

  it("answers queries on two context keys from raw records only (documented)", async () => {
    const store = memoryStore({ maxRecords: 1 });
    await store.append(records);
    expect(await store.aggregate({ groupBy: ["userId", "feature"] })).toEqual([
      {
        group: { userId: "u2", feature: "search" },
        ...sums({ requests: 1, inputTokens: 1_000, costNanoUsd: 20 }),
      },
    ]);
  });

  it("rolls up only the listed context keys", async () => {
    const store = memoryStore({ maxRecords: 1, rollupContextKeys: ["userId"] });
    await store.append(records);
    // feature is not kept for r4 (rolled up); r5 is raw.
    expect(
      (await store.aggregate({ groupBy: ["feature"] })).map((row) => [
        row.group.feature,
        row.requests,
      ]),
    ).toEqual([["search", 1]]);
    expect((await store.aggregate({ groupBy: ["userId"] })).map((row) => row.requests)).toEqual([
      2, 2, 1,
    ]);
  });

  it("groups list-valued context keys (tags) per entry", async () => {
    const store = memoryStore();
    await store.append([
      makeUsageRecord({
        id: "a",
        time: `${D1}T01:00:00.000Z`,
        costNanoUsd: 7,
        context: { tags: ["x", "y"] },
      }),
      makeUsageRecord({
        id: "b",
        time: `${D1}T02:00:00.000Z`,
        costNanoUsd: 5,
        context: { tags: ["y"] },
      }),
    ]);
    expect(
      (await store.aggregate({ groupBy: ["tags"] })).map((row) => [
        row.group.tags,
        row.costNanoUsd,
      ]),
    ).toEqual([
      ["x", 7],
      ["y", 7 + 5],
    ]);
    expect((await store.query({ context: { tags: "x" } })).map((record) => record.id)).toEqual([
      "a",
    ]);
  });

  it("hands out copies: changing a returned record does not change the store", async () => {
    const store = memoryStore();
    await store.append([records[0]!]);
    const [first] = await store.query({});
    first!.usage.inputTokens = 999;
    first!.context.userId = "changed";
    const [again] = await store.query({});
    expect(again?.usage.inputTokens).toBe(100);
    expect(again?.context.userId).toBe("u1");
  });

  it("rejects records without a valid time and queries with a bad bound", async () => {
    const store = memoryStore();
    await expect(store.append([{ ...records[0]!, time: "yesterday" }])).rejects.toThrow(
      /invalid time "yesterday"/,
    );
    await expect(store.query({ from: "not a date" })).rejects.toThrow(InvalidConfigError);
  });
});
