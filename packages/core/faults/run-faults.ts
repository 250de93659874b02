/**
 * The fault suite (issue 13): every store × fault × failMode runs 200 concurrent budgeted calls
 * through the public API while the fault strikes, then checks what the store holds after
 * recovery and `close()`. Prints one table row per scenario; exits 1 when any row fails.
 *
 *   pnpm test:faults [memory|redis|postgres] [none|pause|kill|restart|flaky|slow] [closed|open]
 *
 * Arguments filter the rows (any combination). Real servers start on free loopback ports; a
 * missing server binary skips its rows with a warning, or fails the run in CI.
 */
import { findPostgresBin } from "../src/store/__fixtures__/postgres-test-server.js";
import { findRedisServer } from "../src/store/__fixtures__/redis-test-server.js";
import type { FaultTarget, StoreKind } from "./fault-target.js";
import { FAULTS } from "./faults.js";
import { measureOutcome, type ScenarioRow, WAIT_SLACK_MS } from "./measure-outcome.js";
import { memoryTarget } from "./memory-target.js";
import { postgresTarget } from "./postgres-target.js";
import { tableHeader, tableRow } from "./print-table.js";
import { redisTarget } from "./redis-target.js";
import { runScenario } from "./run-scenario.js";

const STORE_TIMEOUT_MS = 500;
const FAIL_MODES = ["closed", "open"] as const;

const filters = process.argv.slice(2).filter((argument) => argument !== "--");
/** True when the arguments name none of `choices`, or name `value`. */
const chosen = (choices: readonly string[], value: string): boolean =>
  !filters.some((filter) => choices.includes(filter)) || filters.includes(value);
const STORES = ["memory", "redis", "postgres"] as const;
const FAULT_NAMES = FAULTS.map((fault) => fault.name);

const starters: Record<StoreKind, { installed: boolean; start: () => Promise<FaultTarget> }> = {
  memory: { installed: true, start: async () => memoryTarget() },
  redis: { installed: findRedisServer() !== undefined, start: () => redisTarget(STORE_TIMEOUT_MS) },
  postgres: { installed: findPostgresBin() !== undefined, start: () => postgresTarget() },
};

// Ctrl-C or a CI timeout: exit through the exit hooks, which resume paused servers and stop them.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

const startedMs = performance.now();
console.log(
  `Fault suite: 200 calls of $0.01 on a $1 budget per row, storeTimeoutMs ${STORE_TIMEOUT_MS}.`,
);
for (const fault of FAULTS) console.log(`  ${fault.name.padEnd(8)} ${fault.describe}`);
console.log(
  `Checks: nothing lost, nothing doubled, no hold left after recovery + 3 s, no caller waiting more than ${WAIT_SLACK_MS} ms past storeTimeoutMs, close() returns, closed mode within budget.\n`,
);
console.log(tableHeader());

const rows: ScenarioRow[] = [];
const missing: string[] = [];
for (const kind of STORES) {
  const faults = FAULTS.filter(
    (fault) => fault.stores.includes(kind) && chosen(FAULT_NAMES, fault.name),
  );
  if (faults.length === 0 || !chosen(STORES, kind)) continue;
  if (!starters[kind].installed) {
    missing.push(kind);
    continue;
  }
  const target = await starters[kind].start();
  try {
    for (const fault of faults) {
      for (const failMode of FAIL_MODES) {
        if (!chosen(FAIL_MODES, failMode)) continue;
        const row = await runScenario(target, fault, failMode, STORE_TIMEOUT_MS).catch(
          (error: unknown) =>
            measureOutcome({
              store: kind,
              fault: fault.name,
              failMode,
              storeTimeoutMs: STORE_TIMEOUT_MS,
              callers: [],
              harnessError: `harness error: ${String(error)}`,
            }),
        );
        rows.push(row);
        console.log(tableRow(row));
      }
    }
  } finally {
    await target.stop();
  }
}

const failed = rows.filter((row) => row.failures.length > 0);
const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
console.log(`\n${rows.length - failed.length} of ${rows.length} rows passed in ${seconds} s.`);
for (const kind of missing) {
  console.warn(
    `${process.env.CI ? "FAILED" : "SKIPPED"}: ${kind} is not installed, so its rows did not run.`,
  );
}
process.exit(failed.length > 0 || (process.env.CI && missing.length > 0) ? 1 : 0);
