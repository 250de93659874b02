import type { StoreKind } from "./fault-target.js";
import { BUDGET_NANO_USD, CALL_COST_NANO_USD, type CallerOutcome } from "./run-workload.js";

/** A caller may wait at most this long past `storeTimeoutMs` (issue 13). */
export const WAIT_SLACK_MS = 100;

/** What a scenario observed: the callers' view, then the store's after recovery. */
export interface ScenarioObservation {
  store: StoreKind;
  fault: string;
  failMode: "closed" | "open";
  storeTimeoutMs: number;
  callers: readonly CallerOutcome[];
  /** Held in the budget after recovery and the short wait; `undefined` when unreadable. */
  heldNanoUsd?: number | undefined;
  /** How long `ledger.close()` took; `undefined` when it did not finish in time. */
  closeMs?: number | undefined;
  /** Spent in the budget after close. */
  spentNanoUsd?: number;
  /** Ids of the records in the store after close. */
  recordIds?: readonly string[];
  /** The run could not measure (the store never came back, the harness threw). */
  harnessError?: string;
}

/** One row of the table, with the assertions it failed. */
export interface ScenarioRow {
  store: StoreKind;
  fault: string;
  failMode: "closed" | "open";
  admitted: number;
  denied: number;
  unavailable: number;
  /** Callers told their settle is booked. */
  settled: number;
  /** Spent in the store's balance, in $0.01 calls. */
  charged: number;
  recorded: number;
  lost: number;
  doubled: number;
  /** Still held after recovery and the short wait, in $0.01 holds. */
  heldLeft: number;
  /** Longest caller wait beyond storeTimeoutMs. */
  waitOverMs: number;
  closeMs: number | undefined;
  failures: string[];
}

const count = (callers: readonly CallerOutcome[], test: (caller: CallerOutcome) => boolean) =>
  callers.filter(test).length;

/**
 * Counts and checks one scenario. Every call holds and settles exactly $0.01, so the balance
 * counts calls: `spent / $0.01` calls were charged. Lost: a caller was told its settle is
 * booked, but its record is missing, or fewer calls were charged than settled. Doubled: a record
 * stored twice, or more calls charged than callers ever settled.
 */
export function measureOutcome(observation: ScenarioObservation): ScenarioRow {
  const { callers } = observation;
  const settledIds = callers.flatMap((caller) => (caller.end === "settled" ? [caller.id!] : []));
  const settleAttempts = count(callers, (caller) => caller.settleAttempted);
  const recordIds = observation.recordIds ?? [];
  const recordSet = new Set(recordIds);
  const charged = (observation.spentNanoUsd ?? 0) / CALL_COST_NANO_USD;
  const missingRecords = settledIds.filter((id) => !recordSet.has(id)).length;
  const lost = Math.max(missingRecords, settledIds.length - charged);
  const doubled = recordIds.length - recordSet.size + Math.max(0, charged - settleAttempts);
  const longestWaitMs = Math.max(0, ...callers.map((caller) => caller.longestWaitMs));
  const waitOverMs = Math.max(0, Math.round(longestWaitMs - observation.storeTimeoutMs));
  const heldLeft =
    observation.heldNanoUsd === undefined
      ? Number.NaN
      : observation.heldNanoUsd / CALL_COST_NANO_USD;

  const failures: string[] = [];
  if (observation.harnessError) {
    failures.push(observation.harnessError);
  } else {
    if (lost > 0) failures.push(`${lost} lost`);
    if (doubled > 0) failures.push(`${doubled} doubled`);
    if (heldLeft !== 0) failures.push(`${heldLeft} holds left`);
    if (observation.closeMs === undefined) failures.push("close() hung");
    if (observation.failMode === "closed" && charged * CALL_COST_NANO_USD > BUDGET_NANO_USD) {
      failures.push("closed mode spent past the $1 budget");
    }
  }
  if (waitOverMs > WAIT_SLACK_MS)
    failures.push(`a caller waited ${waitOverMs} ms past the timeout`);
  const errors = callers.flatMap((caller) => caller.errors);
  if (errors.length > 0) failures.push(`${errors.length} caller errors, first: ${errors[0]}`);

  return {
    store: observation.store,
    fault: observation.fault,
    failMode: observation.failMode,
    admitted: count(callers, (caller) => caller.reserve === "admitted"),
    denied: count(callers, (caller) => caller.reserve === "denied"),
    unavailable: count(callers, (caller) => caller.reserve === "unavailable"),
    settled: settledIds.length,
    charged,
    recorded: recordIds.length,
    lost,
    doubled,
    heldLeft,
    waitOverMs,
    closeMs: observation.closeMs,
    failures,
  };
}
