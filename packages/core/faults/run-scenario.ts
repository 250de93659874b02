import { randomUUID } from "node:crypto";
import { type BudgetStore, createLedger } from "@tokenledger/core";
import type { FaultTarget } from "./fault-target.js";
import type { Fault } from "./faults.js";
import { measureOutcome, type ScenarioRow } from "./measure-outcome.js";
import { BUDGETS, type CallerOutcome, PRICES, runWorkload } from "./run-workload.js";

/** How long the store may take to answer again after a fault before the row is a failure. */
const RECOVERY_LIMIT_MS = 60_000;
/** The "short wait" after recovery for holds of abandoned or released calls to clear. */
const HOLDS_CLEAR_WAIT_MS = 3_000;
/** `ledger.close()` slower than this counts as hung (the row fails; the run goes on). */
const CLOSE_LIMIT_MS = 30_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `read` resolves; `undefined` when it never does within `limitMs`. */
async function retryUntil<T>(read: () => Promise<T>, limitMs: number): Promise<T | undefined> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    try {
      return await read();
    } catch {
      if (Date.now() > deadline) return undefined;
      await sleep(100);
    }
  }
}

/** Nano-USD still held in the shared budget, polled until 0 or `waitMs` passed. */
async function heldAfterWait(reader: BudgetStore, waitMs: number): Promise<number | undefined> {
  const ledger = createLedger({ store: reader, prices: PRICES, budgets: [...BUDGETS] });
  const deadline = Date.now() + waitMs;
  for (;;) {
    const held = await retryUntil(async () => (await ledger.status())[0]?.held ?? 0, 5_000);
    if (held === 0 || held === undefined || Date.now() > deadline) return held;
    await sleep(100);
  }
}

/** Resolves with the time `promise` took, or `undefined` when it did not settle within `limitMs`. */
async function timeLimited(
  promise: Promise<unknown>,
  limitMs: number,
): Promise<number | undefined> {
  const startedMs = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), limitMs);
  });
  const result = await Promise.race([
    promise.then(
      () => "done" as const,
      () => "done" as const,
    ),
    limit,
  ]);
  clearTimeout(timer);
  return result === "late" ? undefined : performance.now() - startedMs;
}

/**
 * One row of the table: the workload on a fresh namespace of `target` while `fault` strikes,
 * then recovery, the short wait, `ledger.close()`, and what the store holds in the end.
 */
export async function runScenario(
  target: FaultTarget,
  fault: Fault,
  failMode: "closed" | "open",
  storeTimeoutMs: number,
): Promise<ScenarioRow> {
  const opened = await target.open(`${fault.name}-${failMode}-${randomUUID().slice(0, 8)}`);
  const window = { active: false };
  const store = fault.wrap ? fault.wrap(opened.store, window, storeTimeoutMs) : opened.store;
  const ledger = createLedger({
    store,
    prices: PRICES,
    budgets: [...BUDGETS],
    failMode,
    storeTimeoutMs,
  });
  const row = { store: target.kind, fault: fault.name, failMode, storeTimeoutMs };
  let callers: CallerOutcome[] = [];
  const workload = runWorkload(ledger).then((outcomes) => {
    callers = outcomes;
  });
  await Promise.all([
    workload,
    fault.strike({ target, window, storeTimeoutMs, callersDone: workload }),
  ]);

  const reader = await opened.openReader();
  try {
    const answering = await retryUntil(
      () => reader.store.balances({ keys: [{ key: "probe" }], nowMs: Date.now() }),
      RECOVERY_LIMIT_MS,
    );
    if (answering === undefined) {
      return measureOutcome({ ...row, callers, harnessError: "the store never answered again" });
    }
    const heldNanoUsd = await heldAfterWait(reader.store, HOLDS_CLEAR_WAIT_MS);
    const closeMs = await timeLimited(ledger.close(), CLOSE_LIMIT_MS);
    const reading = createLedger({ store: reader.store, prices: PRICES, budgets: [...BUDGETS] });
    const [status] = await reading.status();
    const records = await reader.store.query({});
    return measureOutcome({
      ...row,
      callers,
      heldNanoUsd,
      closeMs,
      spentNanoUsd: status?.spent ?? 0,
      recordIds: records.map((record) => record.id),
    });
  } finally {
    await reader.close();
    await opened.close();
  }
}
