import type { Reservation } from "@tokenledger/core";
import { isAbortError } from "./is-abort-error.js";

/**
 * Ends the hold of a call whose model call threw before any usage arrived.
 *
 * - An abort after the request was sent (the signal fired while waiting): the provider has
 *   already read, and billed, the prompt. It is settled as an **estimated** record from the
 *   reservation's input estimate with zero output, status `aborted` — a lower bound, never zero.
 * - Anything else (HTTP error, rate limit, bad request, an abort before sending): nothing is
 *   known to be billed, so the hold is released.
 */
export async function settleFailedCall(
  reservation: Reservation,
  error: unknown,
  call: { abortedBeforeSend: boolean; startedAtMs: number },
): Promise<void> {
  if (isAbortError(error) && !call.abortedBeforeSend) {
    await reservation.settleFromText("", {
      status: "aborted",
      estimated: true,
      latencyMs: Date.now() - call.startedAtMs,
      metadata: { endReason: "aborted-before-response" },
    });
    return;
  }
  await reservation.release(releaseReason(error));
}

function releaseReason(error: unknown): string {
  if (isAbortError(error)) return "aborted-before-send";
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 200);
  return "provider-error";
}
