/**
 * Runs one benchmark file in this (fresh) process and writes its result as JSON to a file:
 *
 *   tsx run-one.ts <file.bench.ts> <result.json> [--quick]
 *
 * `run-all.ts` starts one process per benchmark, so one benchmark's heap, JIT state and loaded
 * modules never skew the next one's figures.
 */
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchModule } from "./lib/types.js";

const benchDir = dirname(fileURLToPath(import.meta.url));
const [file, resultPath] = process.argv.slice(2);
if (!file || !resultPath)
  throw new Error("usage: run-one.ts <file.bench.ts> <result.json> [--quick]");
const name = file.replace(/\.bench\.ts$/, "");
const module = (await import(pathToFileURL(join(benchDir, file)).href)) as BenchModule;
const result = await module.run({
  benchDir,
  rootDir: dirname(benchDir),
  quick: process.argv.includes("--quick"),
  log: (message) => console.log(`[${name}] ${message}`),
});
writeFileSync(resultPath, JSON.stringify(result));
process.exit(0);
