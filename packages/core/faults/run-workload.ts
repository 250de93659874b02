import { BudgetExceededError, type Ledger, StoreUnavailableError } from "@tokenledger/core";

/** $10 per 1M input tokens: a call of 1_000 input tokens holds and costs $0.01 = 10_000_000 nano-USD. */
export const PRICES = { "acme:m": { inputMtok: 10, outputMtok: 0 } };
/** One $1 budget for everything: 100 calls of $0.01 fit. */
export const BUDGETS = [
  { id: "shared", scope: "global", window: "total", limit: { usd: 1 } },
] as const;
export const CALL_COST_NANO_USD = 10_000_000;
export const BUDGET_NANO_USD = 1_000_000_000;

const CALLERS = 200;
/** Callers arrive in waves of 50 at 0, 300, 600 and 900 ms: before, during and after a fault. */
const WAVE_SIZE = 50;
const WAVE_GAP_MS = 300;

const call = { model: "acme:m", estimate: { inputTokens: 1_000, outputTokens: 0 } };
const usage = { inputTokens: 1_000, outputTokens: 0 };

/** What one caller saw. */
export interface CallerOutcome {
  reserve: "admitted" | "denied" | "unavailable" | "error";
  /** Reservation id (= record id) when admitted. */
  id?: string;
  /** `settled`: its settle resolved (the caller was told the spend is booked). */
  end?: "settled" | "released" | "settle-failed" | "release-failed";
  /** Called `settle` (whether it resolved or not). */
  settleAttempted: boolean;
  /** Longest single ledger call (reserve, settle or release) of this caller. */
  longestWaitMs: number;
  /** Unexpected error messages (anything but BudgetExceededError / StoreUnavailableError on reserve). */
  errors: string[];
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function timed<T>(outcome: CallerOutcome, run: () => Promise<T>): Promise<T> {
  const startedMs = performance.now();
  try {
    return await run();
  } finally {
    outcome.longestWaitMs = Math.max(outcome.longestWaitMs, performance.now() - startedMs);
  }
}

/** One budgeted call through the public API: reserve, "call the model", settle (4 in 5) or release. */
async function runCaller(ledger: Ledger, index: number): Promise<CallerOutcome> {
  const outcome: CallerOutcome = {
    reserve: "error",
    settleAttempted: false,
    longestWaitMs: 0,
    errors: [],
  };
  await sleep(Math.floor(index / WAVE_SIZE) * WAVE_GAP_MS);
  let reservation: Awaited<ReturnType<Ledger["reserve"]>>;
  try {
    reservation = await timed(outcome, () => ledger.reserve(call));
  } catch (error) {
    if (BudgetExceededError.isInstance(error)) outcome.reserve = "denied";
    else if (StoreUnavailableError.isInstance(error)) outcome.reserve = "unavailable";
    else outcome.errors.push(`reserve: ${String(error)}`);
    return outcome;
  }
  outcome.reserve = "admitted";
  outcome.id = reservation.id;
  await sleep(150 + (index % 4) * 100); // the model call
  if (index % 5 === 0) {
    try {
      await timed(outcome, () => reservation.release());
      outcome.end = "released";
    } catch (error) {
      outcome.end = "release-failed";
      outcome.errors.push(`release: ${String(error)}`);
    }
    return outcome;
  }
  outcome.settleAttempted = true;
  try {
    await timed(outcome, () => reservation.settle(usage));
    outcome.end = "settled";
  } catch (error) {
    outcome.end = "settle-failed";
    outcome.errors.push(`settle: ${String(error)}`);
  }
  return outcome;
}

/** 200 concurrent budgeted calls against a $1 budget, each holding $0.01. */
export function runWorkload(ledger: Ledger): Promise<CallerOutcome[]> {
  return Promise.all(Array.from({ length: CALLERS }, (_, index) => runCaller(ledger, index)));
}
