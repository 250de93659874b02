import { postgresStore } from "@tokenledger/core/postgres";
import pg from "pg";
import { startPostgresServer } from "../src/store/__fixtures__/postgres-test-server.js";
import { type FaultTarget, signalTree } from "./fault-target.js";

/** A real PostgreSQL server and `pg` pools set up as the Postgres README says. */
export async function postgresTarget(): Promise<FaultTarget> {
  const server = await startPostgresServer();
  const connect = (): pg.Pool => {
    const pool = new pg.Pool({ connectionString: server.url, connectionTimeoutMillis: 2_000 });
    pool.on("error", () => {}); // idle connections die with the server; calls report it
    return pool;
  };
  return {
    kind: "postgres",
    server: {
      pause: () => signalTree(server.pid, "SIGSTOP"),
      resume: () => signalTree(server.pid, "SIGCONT"),
      async crash() {
        signalTree(server.pid, "SIGKILL"); // the server and every backend at once
        await server.kill("SIGKILL");
      },
      stopCleanly: () => server.kill("SIGINT"),
      start: () => server.restart(),
    },
    async open(namespace) {
      // Table names have at most 39 characters: the namespace's random tail is enough.
      const tablePrefix = `f_${namespace.slice(-8)}_`;
      const pool = connect();
      const store = postgresStore({ client: pool, tablePrefix });
      await store.migrate();
      return {
        store,
        async openReader() {
          const reader = connect();
          return {
            store: postgresStore({ client: reader, tablePrefix }),
            close: () => reader.end(),
          };
        },
        close: () => pool.end(),
      };
    },
    stop: () => server.stop(),
  };
}
