import type { Reservation } from "@tokenledger/core";
import type { CallOptionsLike } from "./model-shapes.js";

/**
 * The params to send the provider: with `maxOutputTokens` set to the output tokens the
 * reservation held, when the call set none and a USD or token budget holds it
 * (`reservation.holdsOutput`), so the provider cannot bill more output than was held. The
 * same params object otherwise (no copy on an unbudgeted call). A call the ledger admitted with
 * a smaller cap (`shrinkToFit`: `reservation.cappedFrom`) is always sent that cap.
 */
export function paramsCappedAtHold<Params extends CallOptionsLike>(
  params: Params,
  reservation: Reservation,
  capAtHold: boolean,
): Params {
  if (reservation.cappedFrom !== undefined) {
    return { ...params, maxOutputTokens: reservation.estimate.outputTokens };
  }
  if (!capAtHold || params.maxOutputTokens !== undefined || !reservation.holdsOutput) {
    return params;
  }
  return { ...params, maxOutputTokens: reservation.estimate.outputTokens };
}
