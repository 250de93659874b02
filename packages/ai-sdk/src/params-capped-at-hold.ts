import type { Reservation } from "@tokenledger/core";
import type { CallOptionsLike } from "./model-shapes.js";

/**
 * The params to send the provider: with `maxOutputTokens` set to the output tokens the
 * reservation held, when the call set none and a USD or token budget holds it
 * (`reservation.holdsOutput`), so the provider cannot bill more output than was held. The
 * same params object otherwise (no copy on an unbudgeted call).
 */
export function paramsCappedAtHold<Params extends CallOptionsLike>(
  params: Params,
  reservation: Reservation,
  capAtHold: boolean,
): Params {
  if (!capAtHold || params.maxOutputTokens !== undefined || !reservation.holdsOutput) {
    return params;
  }
  return { ...params, maxOutputTokens: reservation.estimate.outputTokens };
}
