/**
 * Process plumbing shared by the Redis and Postgres test servers: free loopback ports, spawning
 * a server in its own process group, killing the whole group, and an exit hook so no server
 * outlives the test process (also when a test fails or throws).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";

/**
 * How long a test may wait for a server (redis-server, postgres, PGlite, Chromium, a worker
 * process) to start: generous, so a loaded 2-core machine passes on its first run. Test and hook
 * timeouts that include a start use the same 120 s (core's vitest `hookTimeout`).
 */
export const SERVER_START_TIMEOUT_MS = 120_000;

const liveGroups = new Set<number>();
const exitCleanups = new Set<() => void>();
let exitHookInstalled = false;

const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
};

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const pid of liveGroups) killGroup(pid, "SIGKILL");
    liveGroups.clear();
    for (const cleanup of exitCleanups) cleanup();
    exitCleanups.clear();
  });
}

/** Runs `cleanup` (synchronously) when the process exits; returns a function that cancels it. */
export function onProcessExit(cleanup: () => void): () => void {
  installExitHook();
  exitCleanups.add(cleanup);
  return () => {
    exitCleanups.delete(cleanup);
  };
}

/** A free TCP port on 127.0.0.1 (asks the OS for one, then closes it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A server process started in its own process group. */
export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves when `predicate(output)` holds; rejects when the process exits first or on timeout. */
  waitForOutput(predicate: (output: string) => boolean, timeoutMs: number): Promise<void>;
  /** Sends `signal` to the whole group and waits for the leader to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  readonly exited: boolean;
}

/** Options of {@link spawnServer}. */
export interface SpawnServerOptions {
  uid?: number;
  gid?: number;
  cwd?: string;
}

/** Spawns `command` detached (its own process group) and tracks it for the exit hook. */
export function spawnServer(
  command: string,
  args: readonly string[],
  options: SpawnServerOptions = {},
): ServerProcess {
  installExitHook();
  const child = spawn(command, args, {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.uid === undefined ? {} : { uid: options.uid }),
    ...(options.gid === undefined ? {} : { gid: options.gid }),
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`Could not start ${command}`);
  liveGroups.add(pid);
  let text = "";
  let exited = false;
  const listeners = new Set<() => void>();
  const notify = (): void => {
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    notify();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    notify();
  });
  const exitPromise = new Promise<void>((resolve) => {
    child.on("exit", () => {
      exited = true;
      liveGroups.delete(pid);
      notify();
      resolve();
    });
  });
  // Never keep the test process alive because of a server.
  child.unref();
  (child.stdout as { unref?: () => void } | null)?.unref?.();
  (child.stderr as { unref?: () => void } | null)?.unref?.();

  return {
    child,
    pid,
    output: () => text,
    get exited() {
      return exited;
    },
    waitForOutput(predicate, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (predicate(text)) {
            finish();
            resolve();
          } else if (exited) {
            finish();
            reject(new Error(`${command} exited before it was ready:\n${text.slice(-2000)}`));
          }
        };
        const timer = setTimeout(() => {
          finish();
          reject(new Error(`${command} not ready after ${timeoutMs} ms:\n${text.slice(-2000)}`));
        }, timeoutMs);
        const finish = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async kill(signal = "SIGKILL") {
      if (exited) return;
      child.ref();
      killGroup(pid, signal);
      await exitPromise;
    },
  };
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `pid` and every process below it, from /proc (Linux). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ")".
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [pid];
  for (let index = 0; index < tree.length; index++)
    tree.push(...(children.get(tree[index]!) ?? []));
  return tree;
}

/**
 * SIGKILLs a server and every process below it, and waits until they are gone. Postgres
 * backends make themselves process-group leaders, so killing the postmaster's group leaves them
 * alive, holding the shared memory a restart on the same data directory needs.
 */
export async function killTree(pid: number, timeoutMs = 30_000): Promise<void> {
  const members = processTree(pid);
  for (const member of members) {
    try {
      process.kill(member, "SIGKILL");
    } catch {
      // exited meanwhile
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (members.some(isRunning) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** True while `pid` runs (a zombie, dead but not yet reaped, does not count). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
