/**
 * Runs a TypeScript worker script from this folder in a separate OS process (node + the tsx
 * loader + the `@tokenledger/source` condition, so it imports core's sources directly).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SERVER_START_TIMEOUT_MS } from "./test-server-process.js";

const here = dirname(fileURLToPath(import.meta.url));
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** A running worker process. */
export interface Worker {
  readonly child: ChildProcess;
  /** Resolves with the first stdout line that satisfies `predicate`. */
  waitForLine(predicate: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code once the process ends (rejects on timeout). */
  exited(timeoutMs?: number): Promise<number | null>;
  /** All stdout so far. */
  stdout(): string;
  /** All stderr so far. */
  stderr(): string;
  kill(signal?: NodeJS.Signals): void;
}

/** Starts `__fixtures__/<script>` with `args`. */
export function spawnWorker(script: string, args: readonly string[]): Worker {
  const child = spawn(
    process.execPath,
    ["--conditions=@tokenledger/source", "--import", tsxLoader, join(here, script), ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  let exitCode: number | null | undefined;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    notify();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
  });
  child.on("exit", (code) => {
    exitCode = code;
    notify();
  });
  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const test = (): void => {
        const value = check();
        if (value !== undefined) {
          finish();
          resolve(value);
        } else if (exitCode !== undefined) {
          finish();
          reject(new Error(`${script} exited (${exitCode}) before ${what}:\n${out}\n${err}`));
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`${script}: no ${what} after ${timeoutMs} ms:\n${out}\n${err}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        listeners.delete(test);
      };
      listeners.add(test);
      test();
    });
  return {
    child,
    waitForLine: (predicate, timeoutMs = SERVER_START_TIMEOUT_MS) =>
      waitFor(() => out.split("\n").find(predicate), timeoutMs, "matching line"),
    exited: (timeoutMs = SERVER_START_TIMEOUT_MS) =>
      new Promise((resolve, reject) => {
        if (exitCode !== undefined) {
          resolve(exitCode);
          return;
        }
        const timer = setTimeout(
          () => reject(new Error(`${script} still running:\n${err}`)),
          timeoutMs,
        );
        child.on("exit", (code) => {
          clearTimeout(timer);
          resolve(code);
        });
      }),
    stdout: () => out,
    stderr: () => err,
    kill: (signal = "SIGKILL") => {
      child.kill(signal);
    },
  };
}
