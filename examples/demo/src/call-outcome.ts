import { type BudgetDenial, BudgetExceededError } from "@tokenledger/core";

/** How one call of the app ended, from the app's point of view. */
export type CallOutcome =
  | { kind: "ok" }
  /** A budget refused it before the provider was called. */
  | { kind: "denied"; denial: BudgetDenial }
  /** The user left mid-stream; the ledger billed what was streamed (estimated). */
  | { kind: "aborted" }
  /** The provider failed; the ledger released the hold or billed what was streamed. */
  | { kind: "error"; message: string };

/** Turns what a feature threw (or a stream reported) into an outcome; rethrows bugs. */
export function outcomeOfFailure(error: unknown): CallOutcome {
  if (BudgetExceededError.isInstance(error)) return { kind: "denied", denial: error.denial };
  if (error instanceof Error && (error.name === "AbortError" || error.name === "ResponseAborted")) {
    return { kind: "aborted" };
  }
  if (error instanceof Error) return { kind: "error", message: error.message };
  throw error;
}
