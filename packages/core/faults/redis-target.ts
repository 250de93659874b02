import { redisStore } from "@tokenledger/core/redis";
import { Redis } from "ioredis";
import { startRedisServer } from "../src/store/__fixtures__/redis-test-server.js";
import { type FaultTarget, signalTree } from "./fault-target.js";

/**
 * A real redis-server (append-only file, fsync on every write, so a crash keeps what it
 * acknowledged) and ioredis clients set up as the Redis README says.
 */
export async function redisTarget(storeTimeoutMs: number): Promise<FaultTarget> {
  const server = await startRedisServer({ persistent: true });
  const connect = (options: { commandTimeout?: number }): Redis => {
    const client = new Redis(server.port, server.host, { maxRetriesPerRequest: 1, ...options });
    client.on("error", () => {}); // a dropped connection surfaces as failed commands
    return client;
  };
  return {
    kind: "redis",
    server: {
      pause: () => signalTree(server.pid, "SIGSTOP"),
      resume: () => signalTree(server.pid, "SIGCONT"),
      async crash() {
        signalTree(server.pid, "SIGKILL"); // the server and every backend at once
        await server.kill("SIGKILL");
      },
      stopCleanly: () => server.kill("SIGTERM"),
      start: () => server.restart(),
    },
    async open(namespace) {
      const prefix = `faults:${namespace}:`;
      const client = connect({ commandTimeout: storeTimeoutMs });
      return {
        store: redisStore({ client, prefix }),
        async openReader() {
          const reader = connect({});
          return {
            store: redisStore({ client: reader, prefix }),
            close: async () => reader.disconnect(),
          };
        },
        close: async () => client.disconnect(),
      };
    },
    stop: () => server.stop(),
  };
}
