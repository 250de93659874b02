import type { StoreDenial } from "../store/store.js";
import type { LedgerRuntime, PricedModel } from "./ledger-runtime.js";
import type { Estimate } from "./types.js";

/**
 * The most output tokens a call can hold within what a denied bucket has left, or `undefined`
 * when no smaller hold fits (a request limit, a price that makes even no output too dear). For a
 * USD limit the cost is priced exactly at the fitted count (one rounding per call), so the hold
 * never passes the limit by a rounding.
 */
export function fitOutputTokens(
  runtime: LedgerRuntime,
  priced: PricedModel | undefined,
  estimate: Estimate,
  denied: StoreDenial,
  atMs: number,
): number | undefined {
  const room = denied.limit - denied.spent - denied.held;
  if (denied.limitKind === "tokens") {
    const fits = room - estimate.inputTokens;
    return fits >= 0 ? fits : undefined;
  }
  if (denied.limitKind !== "usd" || priced === undefined) return undefined;
  const costOf = (outputTokens: number): number =>
    runtime.price(priced, { inputTokens: estimate.inputTokens, outputTokens }, atMs).totalNanoUsd;
  const inputOnly = costOf(0);
  if (inputOnly > room) return undefined;
  const perMillion = costOf(1_000_000) - inputOnly;
  if (perMillion <= 0) return estimate.outputTokens;
  let fits = Math.floor(((room - inputOnly) * 1_000_000) / perMillion);
  while (fits > 0 && costOf(fits) > room) fits -= 1;
  return fits;
}
