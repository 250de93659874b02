/**
 * Gates a test suite on a real server binary: runs it when the binary is installed; when it is
 * missing, a VISIBLE skip locally (a console warning + `describe.skip`) and a FAILING test in
 * CI (`process.env.CI` set), so CI can never pass by silently skipping the real-server tests.
 */
import { describe, it } from "vitest";
import { findPostgresBin } from "./postgres-test-server.js";
import { findRedisServer } from "./redis-test-server.js";

const installHint = {
  redis: "redis-server (apt-get install redis-server)",
  postgres: "PostgreSQL in /usr/lib/postgresql/<version>/bin (apt-get install postgresql)",
} as const;

/** True when the server binary is installed. */
export function hasServer(kind: "redis" | "postgres"): boolean {
  return kind === "redis" ? findRedisServer() !== undefined : findPostgresBin() !== undefined;
}

/** `describe(name, body)` when the server is installed; otherwise a visible skip, or a failure in CI. */
export function describeWithServer(
  kind: "redis" | "postgres",
  name: string,
  body: () => void,
): void {
  if (hasServer(kind)) {
    describe(name, body);
    return;
  }
  const message = `${name}: needs ${installHint[kind]}, which is not installed`;
  if (process.env.CI) {
    describe(name, () => {
      it(`requires ${kind} in CI`, () => {
        throw new Error(`${message}. CI must install it (.ci/run does).`);
      });
    });
    return;
  }
  console.warn(`[tokenledger] SKIPPED ${message}.`);
  describe.skip(name, body);
}
