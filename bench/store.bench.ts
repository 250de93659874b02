/**
 * Budget stores against real servers started for the run (loopback, temp dirs): the Redis
 * store's reserve (one EVALSHA over two buckets; concurrent reserves share one) against a plain 4-command INCRBY/EXPIRE
 * pipeline, its round trips per call, and the Postgres store's reserve at 8 connections
 * against a plain single-row UPDATE. Goals from research/performance.md (S2).
 */
import { postgresStore } from "@tokenledger/core/postgres";
import { redisStore } from "@tokenledger/core/redis";
import {
  createBenchPgPool,
  createBenchRedis,
} from "../packages/core/src/store/__fixtures__/bench-clients.js";
import { startPostgresServer } from "../packages/core/src/store/__fixtures__/postgres-test-server.js";
import { startRedisServer } from "../packages/core/src/store/__fixtures__/redis-test-server.js";
import { markdownTable, median, nowMs, pairedRatios } from "./lib/stats.js";
import type { BenchContext, BenchResult, Figure } from "./lib/types.js";

/** Runs `total` calls of `operation` with `concurrency` callers; returns ops/s. */
async function drive(
  concurrency: number,
  total: number,
  operation: (index: number) => Promise<unknown>,
): Promise<number> {
  let next = 0;
  const started = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        await operation(index);
      }
    }),
  );
  return total / ((nowMs() - started) / 1000);
}

/** Paired rounds (order alternates) after a warm-up round: ops/s of each and their ratios. */
async function paired(
  rounds: number,
  ours: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<{ ours: number[]; baseline: number[]; ratios: number[] }> {
  const oursRates: number[] = [];
  const baselineRates: number[] = [];
  for (let round = -1; round < rounds; round++) {
    let pair: [number, number];
    if (round % 2 === 0) {
      const first = await ours();
      pair = [first, await baseline()];
    } else {
      const second = await baseline();
      pair = [await ours(), second];
    }
    if (round >= 0) {
      oursRates.push(pair[0]);
      baselineRates.push(pair[1]);
    }
  }
  return {
    ours: oursRates,
    baseline: baselineRates,
    ratios: pairedRatios(oursRates, baselineRates),
  };
}

/** `usec_per_call` of the script and pipeline commands from `INFO commandstats`. */
function serverMicrosecondsPerCall(info: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const match of info.matchAll(
    /^cmdstat_(evalsha|incrby|expire|exec|multi):.*usec_per_call=([\d.]+)/gm,
  )) {
    result[match[1] ?? ""] = Number(match[2]);
  }
  return result;
}

async function redisFigures(
  quick: boolean,
  log: (message: string) => void,
): Promise<{
  figures: Figure[];
  table: string;
}> {
  const server = await startRedisServer();
  const client = createBenchRedis(server.port);
  try {
    const store = redisStore({ client, prefix: "bench:" });
    let reservation = 0;
    let round = 0;
    // Two buckets per call (tenant + user), limits that always admit, like the research setup.
    const reserve = (): Promise<unknown> =>
      store.reserve({
        id: `r${reservation++}`,
        holds: ["tenant", "user"].map((name) => ({
          key: `${name}:${round}`,
          limits: { nanoUsd: Number.MAX_SAFE_INTEGER },
          amount: { nanoUsd: 1, tokens: 10, requests: 1 },
          enforce: true,
          expiresAtMs: Date.now() + 60_000,
        })),
        ttlMs: 60_000,
        nowMs: Date.now(),
      });
    const pipeline = (): Promise<unknown> =>
      client
        .pipeline()
        .incrby(`p:tenant:${round}`, 1)
        .incrby(`p:user:${round}`, 1)
        .expire(`p:tenant:${round}`, 60, "NX")
        .expire(`p:user:${round}`, 60, "NX")
        .exec();

    // Round trips: commands clients sent per reserve, seen by MONITOR (script-internal
    // commands show up with source "lua" and are not round trips), one caller at a time and
    // with 16 concurrent callers (whose reserves the store batches into fewer script calls).
    await reserve();
    const monitor = await client.monitor();
    const sent: string[] = [];
    monitor.on("monitor", (_time: string, args: string[], source: string) => {
      if (source !== "lua") sent.push(String(args[0]).toLowerCase());
    });
    const calls = 1_000;
    const settleMonitor = () => new Promise((resolve) => setTimeout(resolve, 200)); // let MONITOR catch up
    for (let index = 0; index < calls; index++) await reserve();
    await settleMonitor();
    const sentSequential = sent.length;
    await drive(16, calls, reserve);
    await settleMonitor();
    monitor.disconnect();
    const sentConcurrent = sent.length - sentSequential;
    const roundTrips = Math.max(sentSequential, sentConcurrent) / calls;
    log(
      `commands per reserve: ${sentSequential / calls} at concurrency 1, ${sentConcurrent / calls} at concurrency 16 (${[...new Set(sent)].join(", ")})`,
    );

    const rounds = quick ? 2 : 5;
    const rows: (string | number)[][] = [];
    await client.config("RESETSTAT");
    const figures: Figure[] = [
      {
        id: "S2a",
        name: "Redis reserve: commands sent per call (EVALSHA), worst of concurrency 1 and 16",
        value: roundTrips,
        unit: "",
        goal: { op: "<=", target: 1 },
        details: {
          calls,
          commandsPerReserveConcurrency1: sentSequential / calls,
          commandsPerReserveConcurrency16: sentConcurrent / calls,
          commands: [...new Set(sent)],
        },
      },
    ];
    for (const [concurrency, total, id, target] of [
      [1, quick ? 1_000 : 3_000, "S2b", 0.9],
      [16, quick ? 4_000 : 20_000, "S2c", 2],
    ] as const) {
      const result = await paired(
        rounds,
        () => {
          round++;
          return drive(concurrency, total, reserve);
        },
        () => {
          round++;
          return drive(concurrency, total, pipeline);
        },
      );
      const value = median(result.ratios);
      log(`concurrency ${concurrency}: ${value.toFixed(2)}× the pipeline`);
      figures.push({
        id,
        name: `Redis reserve throughput ÷ 4-command INCRBY/EXPIRE pipeline, concurrency ${concurrency}`,
        value,
        unit: "×",
        goal: { op: ">=", target },
        details: { rounds, total, perRoundRatios: result.ratios },
      });
      rows.push(
        [`redis reserve (EVALSHA, 2 buckets)`, concurrency, median(result.ours)],
        [`redis pipeline INCRBY×2 + EXPIRE NX×2`, concurrency, median(result.baseline)],
      );
    }
    // Server time per command (INFO commandstats) over both concurrency levels: where the
    // script's time goes compared with the pipeline's commands.
    const serverUsPerCall = serverMicrosecondsPerCall(await client.info("commandstats"));
    log(`server µs per call: ${JSON.stringify(serverUsPerCall)}`);
    const last = figures[figures.length - 1];
    if (last) last.details = { ...last.details, serverUsPerCall };
    return { figures, table: markdownTable(["variant", "concurrency", "ops/s"], rows) };
  } finally {
    client.disconnect();
    await server.stop();
  }
}

async function postgresFigures(
  quick: boolean,
  log: (message: string) => void,
): Promise<{
  figures: Figure[];
  table: string;
}> {
  const server = await startPostgresServer();
  const pool = createBenchPgPool(server.url, 8);
  try {
    const store = postgresStore({ client: pool });
    await store.migrate();
    await pool.query("CREATE TABLE bench_counter (id int PRIMARY KEY, value bigint NOT NULL)");
    await pool.query("INSERT INTO bench_counter VALUES (1, 0)");
    let reservation = 0;
    const reserve = (): Promise<unknown> =>
      store.reserve({
        id: `r${reservation++}`,
        holds: [
          {
            key: "tenant",
            limits: { nanoUsd: Number.MAX_SAFE_INTEGER },
            amount: { nanoUsd: 1, tokens: 10, requests: 1 },
            enforce: true,
            expiresAtMs: Date.now() + 600_000,
          },
        ],
        ttlMs: 600_000,
        nowMs: Date.now(),
      });
    const update = (): Promise<unknown> =>
      pool.query("UPDATE bench_counter SET value = value + 1 WHERE id = $1", [1]);
    const rounds = quick ? 2 : 3;
    const total = quick ? 500 : 1_500;
    const result = await paired(
      rounds,
      () => drive(8, total, reserve),
      () => drive(8, total, update),
    );
    const value = median(result.ours);
    log(`postgres reserve at 8 connections: ${value.toFixed(0)} ops/s`);
    return {
      figures: [
        {
          id: "S3a",
          name: "Postgres reserve throughput, 8 connections, one hot bucket",
          value,
          unit: " ops/s",
          details: { rounds, total, perRound: result.ours },
        },
        {
          id: "S3b",
          name: "Postgres reserve ÷ plain single-row UPDATE, 8 connections",
          value: median(result.ratios),
          unit: "×",
          details: { perRoundRatios: result.ratios, updateOpsPerS: result.baseline },
        },
      ],
      table: markdownTable(
        ["variant", "connections", "ops/s"],
        [
          ["postgres reserve (one function call, 1 bucket)", 8, value],
          ["postgres UPDATE … SET value = value + 1 (1 row)", 8, median(result.baseline)],
        ],
      ),
    };
  } finally {
    await pool.end();
    await server.stop();
  }
}

export async function run(context: BenchContext): Promise<BenchResult> {
  const redis = await redisFigures(context.quick, context.log);
  const postgres = await postgresFigures(context.quick, context.log);
  return {
    figures: [...redis.figures, ...postgres.figures],
    tables: [redis.table, postgres.table],
    meta: { servers: "redis-server and postgres on loopback, started by the bench" },
  };
}
