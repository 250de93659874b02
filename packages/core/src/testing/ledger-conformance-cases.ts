import { makeUsageRecord } from "./conformance-fixtures.js";
import type { ConformanceCase } from "./conformance-types.js";
import { fiveRecords, sortRows, sums } from "./ledger-conformance-fixtures.js";

/** Cases for `append`, `query` and `aggregate`. */
export const ledgerConformanceCases: readonly ConformanceCase[] = [
  {
    name: "append is idempotent by record id (a write replayed after a lost reply counts once)",
    async run({ store, run, assert }) {
      const record = makeUsageRecord({
        id: `${run}-replayed`,
        time: "2031-03-16T10:00:00.000Z",
        costNanoUsd: 7,
        context: { conformanceRun: run },
      });
      await store.append([record]);
      await store.append([record]);
      await store.append([{ ...record }]);
      const records = await store.query({ context: { conformanceRun: run } });
      assert.equal(records.length, 1, "a record appended three times is kept once");
      const rows = await store.aggregate({ context: { conformanceRun: run }, groupBy: [] });
      assert.equal(
        rows.map((row) => [row.requests, row.costNanoUsd]),
        [[1, 7]],
        "and counted once in aggregates",
      );
    },
  },
  {
    name: "query filters by time, provider, model, status, kind and context, newest first, with a limit",
    async run({ store, run, assert }) {
      await store.append(fiveRecords(run));
      const mine = { conformanceRun: run };
      const ids = async (query: Parameters<typeof store.query>[0]) =>
        (await store.query({ ...query, context: { ...mine, ...query.context } })).map((record) =>
          record.id.slice(run.length + 1),
        );
      assert.equal(
        await ids({}),
        ["r5", "r4", "r3", "r2", "r1"],
        "query returns every record, newest first",
      );
      assert.equal(await ids({ provider: "anthropic" }), ["r4", "r3"], "query filters by provider");
      assert.equal(await ids({ model: "gpt-4o" }), ["r1"], "query filters by model (exact)");
      assert.equal(await ids({ status: "ok" }), ["r4", "r2", "r1"], "query filters by status");
      assert.equal(await ids({ kind: "embedding" }), ["r5"], "query filters by kind");
      assert.equal(
        await ids({ context: { userId: "u1" } }),
        ["r3", "r1"],
        "query filters by a context key",
      );
      assert.equal(
        await ids({ from: "2031-03-15T09:00:00.000Z", to: "2031-03-15T13:00:00.000Z" }),
        ["r4", "r3"],
        "query from is inclusive and to is exclusive (ISO strings)",
      );
      assert.equal(
        await ids({
          from: new Date("2031-03-14T12:00:00.000Z"),
          to: Date.parse("2031-03-15T09:00:00.001Z"),
        }),
        ["r3", "r2"],
        "query accepts Date and epoch-ms bounds",
      );
      assert.equal(await ids({ limit: 2 }), ["r5", "r4"], "query limit keeps the newest");
      const [first] = await store.query({ context: mine, limit: 1 });
      assert.equal(
        first && {
          usage: first.usage,
          costNanoUsd: first.costNanoUsd,
          kind: first.kind,
          status: first.status,
          context: first.context,
        },
        {
          usage: { inputTokens: 1_000, outputTokens: 0 },
          costNanoUsd: 20,
          kind: "embedding",
          status: "aborted",
          context: { conformanceRun: run, userId: "u2" },
        },
        "query returns records with usage, cost, kind, status and context intact",
      );
    },
  },
  {
    name: "aggregate sums by model, provider, day, status and a context key (exact integers)",
    async run({ store, run, assert }) {
      await store.append(fiveRecords(run));
      const context = { conformanceRun: run };
      assert.equal(
        await store.aggregate({ context }),
        [
          {
            group: {},
            ...sums({
              requests: 5,
              inputTokens: 100 + 200 + 300 + 10 + 1_000,
              outputTokens: 50 + 20 + 0 + 5 + 0,
              cacheReadTokens: 40,
              cacheWriteTokens: 100,
              reasoningTokens: 3,
              costNanoUsd: 1_000 + 30 + 900 + 0 + 20,
              unpricedRequests: 1,
              estimatedRequests: 1,
            }),
          },
        ],
        "aggregate without groupBy gives one row of totals",
      );
      assert.equal(
        sortRows(await store.aggregate({ context, groupBy: ["provider"] })),
        [
          {
            group: { provider: "anthropic" },
            ...sums({
              requests: 2,
              inputTokens: 300 + 10,
              outputTokens: 5,
              cacheWriteTokens: 100,
              reasoningTokens: 3,
              costNanoUsd: 900,
              unpricedRequests: 1,
            }),
          },
          {
            group: { provider: "openai" },
            ...sums({
              requests: 3,
              inputTokens: 100 + 200 + 1_000,
              outputTokens: 50 + 20,
              cacheReadTokens: 40,
              costNanoUsd: 1_000 + 30 + 20,
              estimatedRequests: 1,
            }),
          },
        ],
        "aggregate by provider",
      );
      assert.equal(
        sortRows(await store.aggregate({ context, groupBy: ["day"] })),
        [
          {
            group: { day: "2031-03-14" },
            ...sums({
              requests: 2,
              inputTokens: 300,
              outputTokens: 70,
              cacheReadTokens: 40,
              costNanoUsd: 1_030,
              estimatedRequests: 1,
            }),
          },
          {
            group: { day: "2031-03-15" },
            ...sums({
              requests: 3,
              inputTokens: 1_310,
              outputTokens: 5,
              cacheWriteTokens: 100,
              reasoningTokens: 3,
              costNanoUsd: 920,
              unpricedRequests: 1,
            }),
          },
        ],
        "aggregate by UTC day",
      );
      assert.equal(
        sortRows(await store.aggregate({ context, groupBy: ["userId"] })),
        sortRows([
          {
            group: { userId: "u1" },
            ...sums({
              requests: 2,
              inputTokens: 400,
              outputTokens: 50,
              cacheReadTokens: 40,
              cacheWriteTokens: 100,
              costNanoUsd: 1_900,
            }),
          },
          {
            group: { userId: "u2" },
            ...sums({
              requests: 2,
              inputTokens: 1_200,
              outputTokens: 20,
              costNanoUsd: 50,
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
        ]),
        "aggregate by a context key (records without it in the null group)",
      );
      assert.equal(
        sortRows(await store.aggregate({ context, status: "ok", groupBy: ["model", "status"] })),
        [
          {
            group: { model: "claude-x", status: "ok" },
            ...sums({
              requests: 1,
              inputTokens: 10,
              outputTokens: 5,
              reasoningTokens: 3,
              unpricedRequests: 1,
            }),
          },
          {
            group: { model: "gpt-4o", status: "ok" },
            ...sums({
              requests: 1,
              inputTokens: 100,
              outputTokens: 50,
              cacheReadTokens: 40,
              costNanoUsd: 1_000,
            }),
          },
          {
            group: { model: "gpt-4o-mini", status: "ok" },
            ...sums({
              requests: 1,
              inputTokens: 200,
              outputTokens: 20,
              costNanoUsd: 30,
              estimatedRequests: 1,
            }),
          },
        ],
        "aggregate by model and status with a status filter",
      );
      assert.equal(
        await store
          .aggregate({ context, from: "2031-03-15T00:00:00.000Z", groupBy: ["kind"] })
          .then(sortRows),
        [
          {
            group: { kind: "chat" },
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
            group: { kind: "embedding" },
            ...sums({ requests: 1, inputTokens: 1_000, costNanoUsd: 20 }),
          },
        ],
        "aggregate by kind with a time filter",
      );
    },
  },
  {
    name: "aggregate sums costs above 2^32 nano-USD exactly",
    async run({ store, run, assert }) {
      const records = [1, 2, 3].map((index) =>
        makeUsageRecord({
          id: `${run}-big${index}`,
          time: "2031-03-14T10:00:00.000Z",
          costNanoUsd: 4_000_000_001,
          context: { conformanceRun: run },
        }),
      );
      await store.append(records);
      const [row] = await store.aggregate({ context: { conformanceRun: run } });
      assert.equal(
        row?.costNanoUsd,
        3 * 4_000_000_001,
        "three records of 4_000_000_001 nano-USD sum to 12_000_000_003",
      );
    },
  },
];
