/**
 * The memory store (S1 and scale): one reserve + settle against a bare `generateText` mock call
 * in the same rounds; reserve cost with 100k users' buckets against 100; heap after 1M records.
 */
import type { MemoryStore } from "@tokenledger/core";
import { generateText } from "ai";
import { forgetCalls, generateMock } from "./lib/ai-sdk-mocks.js";
import { SYSTEM_PROMPT } from "./lib/chat-prompts.js";
import { collectGarbage } from "./lib/gc.js";
import { loadSubjects } from "./lib/load-subjects.js";
import { runPairedRounds } from "./lib/paired-rounds.js";
import { createRandom } from "./lib/random.js";
import { markdownTable, median, pairedRatios } from "./lib/stats.js";
import type { BenchContext, BenchResult, Figure } from "./lib/types.js";
import { usageRecord } from "./lib/usage-records.js";

const DAY_MS = 86_400_000;
/** Users in the record stream: 30 days × 4 models × 100 users fill every roll-up row early. */
const RECORD_USERS = 100;
/** Roll-up rows of that stream: per day × model, a base row, userId (1 + 100) and feature (1 + 2). */
const ROLLUP_ROWS = 30 * 4 * (1 + (1 + RECORD_USERS) + (1 + 2));
const LIMITS = { nanoUsd: 1e15, tokens: 1e12, requests: 1e9 };

/** Bucket keys as the ledger writes them (rule, scope value, window). */
function bucketKeys(users: number): string[] {
  return Array.from(
    { length: users },
    (_, user) => `per-user-daily|userId|user-${user}|day:2026-11-22`,
  );
}

/** `operations` reserve + settle pairs on buckets picked from `keys` (one hold, one charge each). */
async function reserveAndSettle(
  store: MemoryStore,
  keys: readonly string[],
  picks: readonly number[],
  operations: number,
  idPrefix: string,
): Promise<void> {
  const nowMs = Date.UTC(2026, 10, 22, 12);
  const expiresAtMs = nowMs + DAY_MS;
  for (let index = 0; index < operations; index++) {
    const key = keys[picks[index % picks.length] as number] as string;
    const id = `${idPrefix}${index}`;
    await store.reserve({
      id,
      holds: [
        {
          key,
          limits: LIMITS,
          amount: { nanoUsd: 700_000, tokens: 4_500, requests: 1 },
          enforce: true,
          expiresAtMs,
        },
      ],
      ttlMs: 600_000,
      nowMs,
    });
    await store.settle({
      id,
      charges: [{ key, amount: { nanoUsd: 21_600, tokens: 108, requests: 1 }, expiresAtMs }],
      nowMs,
    });
  }
}

function heapUsedMiB(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1_048_576;
}

export async function run(context: BenchContext): Promise<BenchResult> {
  const { memoryStore } = await loadSubjects(context);
  const random = createRandom(11);
  const rounds = context.quick ? 4 : 9;
  let batch = 0;

  context.log("S1 reserve + settle against bare generateText…");
  const operations = context.quick ? 5_000 : 20_000;
  const mockCalls = context.quick ? 100 : 300;
  const mock = generateMock();
  const s1Store = memoryStore();
  const s1Keys = bucketKeys(100);
  const s1Picks = Array.from({ length: 4096 }, () => random.int(s1Keys.length));
  const s1 = await runPairedRounds(
    [
      {
        name: "memory reserve + settle",
        batch: () => reserveAndSettle(s1Store, s1Keys, s1Picks, operations, `s1-${batch++}-`),
      },
      {
        name: "bare generateText",
        async batch() {
          forgetCalls(mock);
          for (let index = 0; index < mockCalls; index++) {
            await generateText({ model: mock, system: SYSTEM_PROMPT, prompt: "Hi", maxRetries: 0 });
          }
        },
      },
    ],
    { rounds, calls: 1 },
  );
  const perOperation = (s1.batchMs["memory reserve + settle"] ?? []).map((ms) => ms / operations);
  const perMockCall = (s1.batchMs["bare generateText"] ?? []).map((ms) => ms / mockCalls);
  const s1Ratios = pairedRatios(perOperation, perMockCall);

  context.log("scale: 100k users' buckets against 100…");
  const manyUsers = 100_000;
  const scaleStore = memoryStore();
  const fewKeys = bucketKeys(100);
  const manyKeys = bucketKeys(manyUsers);
  await reserveAndSettle(scaleStore, manyKeys, [...manyKeys.keys()], manyUsers, "fill-");
  const fewPicks = Array.from({ length: 8192 }, () => random.int(fewKeys.length));
  const manyPicks = Array.from({ length: 8192 }, () => random.int(manyUsers));
  const scale = await runPairedRounds(
    [
      {
        name: "100 users",
        batch: () => reserveAndSettle(scaleStore, fewKeys, fewPicks, operations, `few-${batch++}-`),
      },
      {
        name: "100k users",
        batch: () =>
          reserveAndSettle(scaleStore, manyKeys, manyPicks, operations, `many-${batch++}-`),
      },
    ],
    { rounds, calls: operations },
  );
  const userRatios = pairedRatios(
    scale.batchMs["100k users"] ?? [],
    scale.batchMs["100 users"] ?? [],
  );

  context.log("scale: heap after 1M records…");
  const records = context.quick ? 300_000 : 1_000_000;
  const half = records / 2;
  const maxRecords = 100_000;
  const emptyMiB = heapUsedMiB();
  let recordStore: MemoryStore | undefined = memoryStore();
  const heapAt: Record<number, number> = {};
  const chunk = 1_000;
  const started = performance.now();
  for (let first = 0; first < records; first += chunk) {
    const batchRecords = Array.from({ length: chunk }, (_, offset) =>
      usageRecord(first + offset, RECORD_USERS),
    );
    await recordStore.append(batchRecords);
    const appended = first + chunk;
    if (appended === maxRecords || appended === half || appended === records) {
      heapAt[appended] = heapUsedMiB() - emptyMiB;
    }
  }
  const appendMs = performance.now() - started;
  const stats = recordStore.stats();
  recordStore = undefined; // let the next benchmark start from a small heap
  const atMax = heapAt[maxRecords] as number;
  const atHalf = heapAt[half] as number;
  const atEnd = heapAt[records] as number;

  context.log("scale: heap after 1M settled reservations…");
  const settlements = records;
  const idsEmptyMiB = heapUsedMiB();
  let idStore: MemoryStore | undefined = memoryStore();
  await reserveAndSettle(idStore, s1Keys, s1Picks, settlements / 2, "first-half-");
  const idsAtHalf = heapUsedMiB() - idsEmptyMiB;
  await reserveAndSettle(idStore, s1Keys, s1Picks, settlements / 2, "second-half-");
  const idsAtEnd = heapUsedMiB() - idsEmptyMiB;
  const idStats = idStore.stats();
  idStore = undefined;

  const figures: Figure[] = [
    {
      id: "S1",
      name: "memory store reserve + settle (one bucket) ÷ one bare generateText mock call",
      value: median(s1Ratios),
      unit: "×",
      goal: { op: "<=", target: 0.02 },
      details: {
        rounds,
        perRoundRatios: s1Ratios,
        microsecondsPerOperation: median(perOperation) * 1000,
        microsecondsPerMockCall: median(perMockCall) * 1000,
      },
    },
    {
      id: "SC1",
      name: "memory store reserve + settle with 100k users' buckets ÷ with 100",
      value: median(userRatios),
      unit: "×",
      goal: { op: "<=", target: 1.2 },
      details: {
        rounds,
        operationsPerBatch: operations,
        perRoundRatios: userRatios,
        microsecondsPerOperation: {
          "100 users": (median(scale.batchMs["100 users"] ?? []) * 1000) / operations,
          "100k users": (median(scale.batchMs["100k users"] ?? []) * 1000) / operations,
        },
      },
    },
    {
      id: "SC2",
      name: `memory store heap after ${records.toLocaleString("en")} records ÷ after ${half.toLocaleString("en")} (raw log capped at maxRecords ${maxRecords.toLocaleString("en")}, older records rolled up per day × model × context value)`,
      value: atEnd / atHalf,
      unit: "×",
      goal: { op: "<=", target: 1.1 },
      details: {
        heapGrowthMiB: { [maxRecords]: atMax, [half]: atHalf, [records]: atEnd },
        bytesPerRawRecord: (atMax * 1_048_576) / maxRecords,
        rollupRows: ROLLUP_ROWS,
        bytesPerRollupRow: ((atEnd - atMax) * 1_048_576) / ROLLUP_ROWS,
        microsecondsPerAppend: (appendMs * 1000) / records,
        stats,
      },
    },
    {
      id: "SC3",
      name: `memory store heap after ${settlements.toLocaleString("en")} reserve + settle ÷ after ${(settlements / 2).toLocaleString("en")} (settled ids remembered for idempotency: at most maxRememberedIds, default 100,000)`,
      value: idsAtEnd / idsAtHalf,
      unit: "×",
      goal: { op: "<=", target: 1.1 },
      details: {
        heapGrowthMiB: { [settlements / 2]: idsAtHalf, [settlements]: idsAtEnd },
        stats: idStats,
      },
    },
    {
      id: "SC2b",
      name: `memory store heap growth after ${records.toLocaleString("en")} records (100 users × 4 models × 30 days)`,
      value: atEnd,
      unit: " MiB",
    },
  ];
  return {
    figures,
    tables: [
      markdownTable(
        [`memory store (median of ${rounds} rounds)`, "µs per op or call"],
        [
          ["reserve + settle (S1)", (median(perOperation) * 1000).toFixed(2)],
          [
            "reserve + settle, 100 users (scale rounds)",
            ((median(scale.batchMs["100 users"] ?? []) * 1000) / operations).toFixed(2),
          ],
          [
            "reserve + settle, 100k users",
            ((median(scale.batchMs["100k users"] ?? []) * 1000) / operations).toFixed(2),
          ],
          ["bare generateText (mock)", (median(perMockCall) * 1000).toFixed(1)],
          [
            `append one record (${records.toLocaleString("en")} in chunks of ${chunk})`,
            ((appendMs * 1000) / records).toFixed(2),
          ],
        ],
      ),
    ],
  };
}
