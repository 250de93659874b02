import { nanoUsdToUsd } from "../money/nano-usd.js";
import type { InsightKind, InsightOf } from "./types.js";

/** Builds an insight, deriving `savingsUsd` from `savingsNanoUsd`. */
export function makeInsight<K extends InsightKind>(
  fields: Omit<InsightOf<K>, "savingsUsd" | "heldNanoUsd"> & { heldNanoUsd?: number },
): InsightOf<K> {
  return {
    ...fields,
    savingsUsd: nanoUsdToUsd(fields.savingsNanoUsd),
    heldNanoUsd: fields.heldNanoUsd ?? 0,
  } as InsightOf<K>;
}

/**
 * Dollars for insight texts and reports: 2 decimals from $100, 4 below (LLM calls cost
 * fractions of a cent), two significant digits under a hundredth of a cent. `decimals` forces
 * a fixed number of decimals.
 */
export function formatUsd(nanoUsd: number, decimals?: number): string {
  const usd = nanoUsdToUsd(nanoUsd);
  const sign = usd < 0 ? "-" : "";
  const magnitude = Math.abs(usd);
  const digits =
    decimals ?? (magnitude >= 100 ? 2 : magnitude >= 0.0001 || magnitude === 0 ? 4 : -1);
  if (digits < 0) return `${sign}$${magnitude.toPrecision(2)}`;
  return `${sign}$${magnitude.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })}`;
}
