/**
 * A real PostgreSQL server for tests and benchmarks: `initdb` into a temp dir, `postgres` on a
 * free loopback port with `fsync=off` (commits still reach the OS at once, so a killed server
 * keeps them: no `synchronous_commit=off`), trust auth for user `postgres`. Running as root (CI), the
 * server runs as the `postgres` OS user (initdb refuses root). Stopped (process group killed,
 * dir removed) by `stop()` or when the test process exits.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  freePort,
  killTree,
  onProcessExit,
  SERVER_START_TIMEOUT_MS,
  type ServerProcess,
  spawnServer,
} from "./test-server-process.js";

/** The newest `/usr/lib/postgresql/<version>/bin` holding `postgres` and `initdb`, or `undefined`. */
export function findPostgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((name) => /^\d+$/.test(name))
    .sort((left, right) => Number(right) - Number(left));
  for (const version of versions) {
    const bin = join(root, version, "bin");
    if (existsSync(join(bin, "postgres")) && existsSync(join(bin, "initdb"))) return bin;
  }
  return undefined;
}

/** uid/gid of the `postgres` OS user when we run as root (initdb refuses root), else `{}`. */
function serverUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string): number =>
    Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** A running test Postgres. */
export interface PostgresTestServer {
  readonly host: string;
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly pid: number;
  /**
   * SIGKILL the postmaster and its backends (a crash); the port stays reserved for `restart`.
   * `SIGINT` instead is a clean ("fast") shutdown: clients are disconnected, data checkpointed.
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the server again on the same port and data dir (after `kill`): data survives. */
  restart(): Promise<void>;
  /** Kills the server and removes its temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** Runs initdb into a temp dir and starts `postgres` on a free loopback port. */
export async function startPostgresServer(): Promise<PostgresTestServer> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (apt-get install postgresql)");
  const user = serverUser();
  const dir = mkdtempSync(join(tmpdir(), "tokenledger-pg-"));
  const cancelExitCleanup = onProcessExit(() => rmSync(dir, { recursive: true, force: true }));
  if (user.uid !== undefined && user.gid !== undefined) chownSync(dir, user.uid, user.gid);
  const dataDir = join(dir, "data");
  try {
    execFileSync(
      join(bin, "initdb"),
      ["-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-N"],
      { cwd: dir, stdio: "pipe", ...user },
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? "";
    throw new Error(`initdb failed: ${stderr || String(error)}`);
  }
  const port = await freePort();
  let server: ServerProcess | undefined;
  let stopped = false;

  const launch = async (): Promise<void> => {
    server = spawnServer(
      join(bin, "postgres"),
      [
        "-D",
        dataDir,
        "-k",
        dir,
        "-h",
        "127.0.0.1",
        "-p",
        String(port),
        "-c",
        "fsync=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "max_connections=64",
        "-c",
        "shared_buffers=32MB",
      ],
      { cwd: dir, ...user },
    );
    await server.waitForOutput(
      (output) => output.includes("database system is ready to accept connections"),
      SERVER_START_TIMEOUT_MS,
    );
  };

  try {
    await launch();
  } catch (error) {
    await server?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: "127.0.0.1",
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    get pid() {
      return server?.pid ?? -1;
    },
    async kill(signal: NodeJS.Signals = "SIGKILL") {
      // A crash kills the backends too (they are their own process groups), and the restart
      // needs them gone: they hold the data directory's shared memory.
      if (signal === "SIGKILL" && server !== undefined) await killTree(server.pid);
      await server?.kill(signal);
    },
    async restart() {
      if (server !== undefined) await killTree(server.pid);
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
