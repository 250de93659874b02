/** Nano-USD in one US dollar. Money is integer nano-USD everywhere inside tokenledger. */
export const NANO_USD_PER_USD = 1_000_000_000;

/**
 * Converts a USD amount given by a user (a limit, a price) to integer nano-USD, exactly for
 * any amount written with up to 9 decimals. Rounds half-up beyond that.
 */
export function usdToNanoUsd(usd: number): number {
  if (!Number.isFinite(usd)) throw new RangeError(`Not a finite USD amount: ${usd}`);
  // Go through the decimal string so 0.1 becomes exactly 100_000_000, not 100_000_000.000000001.
  const [mantissa = "0", exponentText] = usd.toExponential(15).split("e");
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith("-");
  const digits = mantissa.replace("-", "").replace(".", "");
  // digits has one digit before the point: value = 0.digits × 10^(exponent + 1)
  const shift = exponent + 1 + 9;
  let integer: bigint;
  if (shift >= digits.length) {
    integer = BigInt(digits + "0".repeat(shift - digits.length));
  } else if (shift <= 0) {
    integer = 0n;
  } else {
    const whole = BigInt(digits.slice(0, shift));
    const next = Number(digits[shift] ?? "0");
    integer = next >= 5 ? whole + 1n : whole;
  }
  const result = Number(negative ? -integer : integer);
  return result;
}

/** Integer nano-USD to a float USD for display only. */
export function nanoUsdToUsd(nanoUsd: number): number {
  return nanoUsd / NANO_USD_PER_USD;
}
