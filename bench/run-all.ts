/**
 * Runs every `bench/*.bench.ts` (each exports `run(context): Promise<BenchResult>`), in name
 * order and each in a fresh process (`run-one.ts`), prints its figures and tables, and writes
 * bench/results/latest.json. Adding a benchmark is adding a `<name>.bench.ts` file; nothing
 * here changes.
 *
 *   pnpm bench                 all benchmarks
 *   pnpm bench tokenizer       only files whose name contains "tokenizer"
 *   pnpm bench --quick         fewer rounds (smoke run; figures are noisier)
 */
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { markdownTable, round } from "./lib/stats.js";
import { type BenchResult, meetsGoal } from "./lib/types.js";

const benchDir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const filters = args.filter((arg) => !arg.startsWith("--"));

const files = readdirSync(benchDir)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

function verdict(pass: boolean | undefined): string {
  return pass === undefined ? "–" : pass ? "PASS" : "MISS";
}

/** Runs one benchmark file in a child process with this process's loader flags (tsx, conditions). */
function runInFreshProcess(file: string): BenchResult {
  const resultPath = join(mkdtempSync(join(tmpdir(), "tokenledger-bench-")), "result.json");
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      join(benchDir, "run-one.ts"),
      file,
      resultPath,
      ...(quick ? ["--quick"] : []),
    ],
    { stdio: "inherit", cwd: benchDir },
  );
  if (child.status !== 0) throw new Error(`${file} failed (exit ${child.status ?? child.signal})`);
  return JSON.parse(readFileSync(resultPath, "utf8")) as BenchResult;
}

const results: Record<string, BenchResult & { seconds: number }> = {};
let misses = 0;
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, "");
  console.log(`\n## ${name}\n`);
  const started = performance.now();
  const result = runInFreshProcess(file);
  const seconds = (performance.now() - started) / 1000;
  results[name] = { ...result, seconds };
  console.log(
    `\n${markdownTable(
      ["id", "figure", "value", "goal", "result"],
      result.figures.map((figure) => {
        const pass = meetsGoal(figure);
        if (pass === false) misses++;
        const goal =
          figure.goal === undefined ? "–" : `${figure.goal.op} ${figure.goal.target}${figure.unit}`;
        return [
          figure.id,
          figure.name,
          `${round(figure.value)}${figure.unit}`,
          goal,
          verdict(pass),
        ];
      }),
    )}\n`,
  );
  for (const table of result.tables ?? []) console.log(`${table}\n`);
  console.log(`(${name}: ${seconds.toFixed(1)} s)`);
}

// Keep figures of benchmarks not run this time (filtered runs update their own part only).
const resultsDir = join(benchDir, "results");
const latestPath = join(resultsDir, "latest.json");
const previous = existsSync(latestPath)
  ? (JSON.parse(readFileSync(latestPath, "utf8")) as { benchmarks?: Record<string, unknown> })
  : {};
const benchmarks: Record<string, unknown> = { ...(previous.benchmarks ?? {}) };
for (const [name, result] of Object.entries(results)) {
  benchmarks[name] = {
    date: new Date().toISOString(),
    quick,
    seconds: result.seconds,
    figures: Object.fromEntries(
      result.figures.map((figure) => [
        figure.id,
        { ...figure, result: verdict(meetsGoal(figure)) },
      ]),
    ),
    meta: result.meta ?? {},
  };
}
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  latestPath,
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      environment: {
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model,
      },
      benchmarks,
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwrote ${latestPath}${misses > 0 ? ` — ${misses} figure(s) missed their goal` : ""}`);
