import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ChildResult {
  mode: string;
  /** `performance.now()` in the child when its work was done: ms since process start. */
  ms: number;
  heapUsedMiB: number;
  maxRssMiB: number;
  tokens?: number;
  exports?: number;
  /** Module URLs, when traced. */
  loaded?: string[];
  /** Spawn → exit, measured by the parent. */
  wallMs: number;
}

/** Runs `bench/children/child.mjs <mode> [bundle]` in a fresh node and parses its JSON lines. */
export function runChild(
  benchDir: string,
  mode: string,
  bundle?: string,
  options: { trace?: boolean } = {},
): Promise<ChildResult> {
  const children = join(benchDir, "children");
  const args = [
    ...(options.trace === true ? ["--import", join(children, "module-trace.mjs")] : []),
    join(children, "child.mjs"),
    mode,
    ...(bundle === undefined ? [] : [bundle]),
  ];
  const traceDir =
    options.trace === true ? mkdtempSync(join(tmpdir(), "tokenledger-trace-")) : undefined;
  const traceFile = traceDir === undefined ? undefined : join(traceDir, "modules.txt");
  const env =
    traceFile === undefined ? process.env : { ...process.env, MODULE_TRACE_FILE: traceFile };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd: benchDir, env, timeout: 60_000 },
      (error, stdout, stderr) => {
        const wallMs = performance.now() - started;
        if (error) {
          reject(new Error(`child ${mode} failed: ${error.message}\n${stderr}`));
          return;
        }
        const parsed = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as ChildResult;
        if (traceFile !== undefined && traceDir !== undefined) {
          parsed.loaded = readFileSync(traceFile, "utf8").split("\n").filter(Boolean);
          rmSync(traceDir, { recursive: true, force: true });
        }
        resolve({ ...parsed, wallMs });
      },
    );
  });
}
