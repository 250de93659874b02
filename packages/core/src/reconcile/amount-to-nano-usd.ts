const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal string counting units of 10^`nanoDigits` nano-USD to integer nano-USD:
 * `decimalToNanoUsd("123.45", 7)` reads cents (1 cent = 10^7 nano-USD) and gives 1_234_500_000. Exact for any digits; rounds half away from
 * zero beyond nano-USD. Returns undefined for anything that is not a plain decimal.
 */
export function decimalToNanoUsd(text: string, nanoDigits: number): number | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign = "", whole = "0", fraction = ""] = match;
  const kept = fraction.slice(0, nanoDigits).padEnd(nanoDigits, "0");
  let units = BigInt(whole + kept);
  if (Number(fraction[nanoDigits] ?? "0") >= 5) units += 1n;
  const value = Number(units);
  return sign === "-" && value !== 0 ? -value : value;
}

/** Nano-USD digits of one cent (1 cent = 10^7 nano-USD). */
export const CENT_NANO_DIGITS = 7;
/** Nano-USD digits of one dollar. */
export const USD_NANO_DIGITS = 9;

/** A JSON number of USD (OpenAI's `amount.value`) to integer nano-USD, through its decimal text. */
export function usdNumberToNanoUsd(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  // toFixed(12) writes small values without an exponent; 12 digits keep every nano-USD digit.
  return decimalToNanoUsd(value.toFixed(12), USD_NANO_DIGITS);
}
