/**
 * A real `redis-server` for tests and benchmarks: loopback only, a free port, no persistence,
 * a temp dir; stopped (process group killed, dir removed) by `stop()` or when the process exits.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  freePort,
  onProcessExit,
  SERVER_START_TIMEOUT_MS,
  type ServerProcess,
  sleep,
  spawnServer,
} from "./test-server-process.js";

/** Path of `redis-server` on PATH, or `undefined` when it is not installed. */
export function findRedisServer(): string | undefined {
  try {
    return (
      execFileSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}

/** A running test Redis. */
export interface RedisTestServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  /** PID of the server process (changes on `restart`). */
  readonly pid: number;
  /**
   * SIGKILL the server (simulates a crash); the port stays reserved for `restart`. `SIGTERM`
   * instead is a clean shutdown (the append-only file is written first).
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port (after `kill`). Data survives only when `persistent`. */
  restart(): Promise<void>;
  /** Kills the server and removes its temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** Sends PING over a raw socket; true on `+PONG`. */
async function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (chunk) => done(chunk.toString().startsWith("+PONG")));
  });
}

/** Options of {@link startRedisServer}. */
export interface RedisTestServerOptions {
  /** Keep data across `kill`/`restart` (append-only file, fsync on every write). @default false */
  persistent?: boolean;
}

/** Starts `redis-server` on a free loopback port and waits until it answers PING. */
export async function startRedisServer(
  options: RedisTestServerOptions = {},
): Promise<RedisTestServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error("redis-server is not installed (apt-get install redis-server)");
  const dir = mkdtempSync(join(tmpdir(), "tokenledger-redis-"));
  const cancelExitCleanup = onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  let server: ServerProcess | undefined;
  let stopped = false;

  const launch = async (): Promise<void> => {
    server = spawnServer(
      binary,
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        options.persistent ? "yes" : "no",
        "--appendfsync",
        "always",
        "--dir",
        dir,
        "--daemonize",
        "no",
        "--loglevel",
        "warning",
      ],
      { cwd: dir },
    );
    const deadline = Date.now() + SERVER_START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (server.exited) throw new Error(`redis-server exited:\n${server.output()}`);
      if (await ping(port)) return;
      await sleep(25);
    }
    throw new Error(`redis-server did not answer PING on port ${port}:\n${server.output()}`);
  };

  await launch();
  return {
    host: "127.0.0.1",
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return server?.pid ?? -1;
    },
    async kill(signal: NodeJS.Signals = "SIGKILL") {
      await server?.kill(signal);
    },
    async restart() {
      await server?.kill("SIGKILL");
      await launch();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server?.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      cancelExitCleanup();
    },
  };
}
