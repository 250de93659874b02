import { describe, expect, it } from "vitest";
import { measureOutcome, type ScenarioObservation } from "./measure-outcome.js";
import type { CallerOutcome } from "./run-workload.js";

/** A $0.01 call is 10_000_000 nano-USD (run-workload's price: $10 per 1M input tokens × 1_000). */
const CALL = 10_000_000;

const settled = (id: string, longestWaitMs = 5): CallerOutcome => ({
  reserve: "admitted",
  id,
  end: "settled",
  settleAttempted: true,
  longestWaitMs,
  errors: [],
});
const released = (id: string): CallerOutcome => ({
  reserve: "admitted",
  id,
  end: "released",
  settleAttempted: false,
  longestWaitMs: 5,
  errors: [],
});
const denied: CallerOutcome = {
  reserve: "denied",
  settleAttempted: false,
  longestWaitMs: 5,
  errors: [],
};

const observe = (overrides: Partial<ScenarioObservation>): ScenarioObservation => ({
  store: "redis",
  fault: "pause",
  failMode: "closed",
  storeTimeoutMs: 500,
  callers: [settled("a"), settled("b"), released("c"), denied],
  heldNanoUsd: 0,
  closeMs: 3,
  spentNanoUsd: 2 * CALL,
  recordIds: ["a", "b"],
  ...overrides,
});

describe("measureOutcome", () => {
  it("passes a clean run: 3 admitted, 2 settled, charged and recorded once each", () => {
    const row = measureOutcome(observe({}));
    expect(row).toMatchObject({
      admitted: 3,
      denied: 1,
      settled: 2,
      charged: 2,
      recorded: 2,
      lost: 0,
      doubled: 0,
      heldLeft: 0,
      waitOverMs: 0,
      failures: [],
    });
  });

  it("counts a settled call missing from the records, or from the balance, as lost", () => {
    expect(measureOutcome(observe({ recordIds: ["a"] })).lost).toBe(1);
    expect(measureOutcome(observe({ spentNanoUsd: CALL })).lost).toBe(1);
    expect(measureOutcome(observe({ spentNanoUsd: 0, recordIds: [] })).failures).toEqual([
      "2 lost",
    ]);
  });

  it("counts a record stored twice, or more charges than settles, as doubled", () => {
    expect(measureOutcome(observe({ recordIds: ["a", "b", "b"] })).doubled).toBe(1);
    // 2 settles attempted, 3 calls charged.
    expect(measureOutcome(observe({ spentNanoUsd: 3 * CALL })).doubled).toBe(1);
  });

  it("fails on holds left, a wait 101 ms past the timeout, a hung close and overspend", () => {
    const row = measureOutcome(
      observe({
        heldNanoUsd: 2 * CALL,
        callers: [settled("a", 601), settled("b"), released("c"), denied],
        closeMs: undefined,
      }),
    );
    expect(row.heldLeft).toBe(2);
    expect(row.waitOverMs).toBe(101);
    expect(row.failures).toEqual([
      "2 holds left",
      "close() hung",
      "a caller waited 101 ms past the timeout",
    ]);
    // 600 ms is exactly the 100 ms of slack: not a failure.
    const atSlack = observe({ callers: [settled("a", 600), settled("b"), released("c")] });
    expect(measureOutcome(atSlack).failures).toEqual([]);
    // $1.01 spent on a $1 budget is a failure in closed mode only.
    const over = { spentNanoUsd: 101 * CALL, callers: [], recordIds: [] };
    expect(measureOutcome(observe({ ...over, failMode: "closed" })).failures).toContain(
      "closed mode spent past the $1 budget",
    );
    expect(measureOutcome(observe({ ...over, failMode: "open" })).failures).not.toContain(
      "closed mode spent past the $1 budget",
    );
  });
});
