/**
 * Two worker processes share one Redis budget: $1 a day for team "acme". Each fires 100
 * concurrent calls holding $0.01; between them exactly 100 are admitted, whatever the
 * interleaving — the check and the hold are one Lua script in Redis.
 *
 * Uses REDIS_URL when set; otherwise starts a throwaway redis-server on a free loopback port.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

async function startRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const redis = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  redis.on("error", (error) => {
    console.error(`Could not start redis-server (${error.message}). Install it or set REDIS_URL.`);
    process.exit(1);
  });
  await new Promise<void>((resolve) => {
    redis.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("Ready to accept connections")) resolve();
    });
  });
  return { url: `redis://127.0.0.1:${port}`, stop: () => redis.kill() };
}

function runWorker(
  url: string,
  name: string,
  runId: string,
): Promise<{ name: string; admitted: number; refused: number }> {
  const worker: ChildProcess = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(new URL("./worker.ts", import.meta.url)), url, name, runId],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  let output = "";
  worker.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    worker.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(output.trim().split("\n").at(-1) ?? "{}"))
        : reject(new Error(`${name} exited with ${code}`)),
    );
  });
}

const server = process.env.REDIS_URL ? undefined : await startRedis();
const url = process.env.REDIS_URL ?? server?.url ?? "";
const runId = crypto.randomUUID(); // a fresh namespace per run, so a shared REDIS_URL starts clean
try {
  const results = await Promise.all([
    runWorker(url, "worker-a", runId),
    runWorker(url, "worker-b", runId),
  ]);
  for (const result of results) {
    console.log(`${result.name}: ${result.admitted} admitted, ${result.refused} refused`);
  }
  const admitted = results.reduce((sum, result) => sum + result.admitted, 0);
  console.log(`together: ${admitted} × $0.01 admitted against the shared $1 budget`);
  if (admitted !== 100) {
    console.error(`expected exactly 100, got ${admitted}`);
    process.exitCode = 1;
  }
} finally {
  server?.stop();
}
