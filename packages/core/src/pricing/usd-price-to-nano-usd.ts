const DECIMAL_PATTERN = /^(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;
const NANO_DECIMALS = 9;
/** Digits a double always round-trips through its shortest decimal form. */
const EXACT_DOUBLE_DIGITS = 15;

/**
 * Converts a USD price (per unit of its kind) to integer nano-USD **exactly**, by decimal-string
 * arithmetic: `2.5` → `2_500_000_000`, `"0.075"` → `75_000_000`, `1e-7` → `100`.
 *
 * A number is read through its shortest decimal form (`String(value)`), which is exactly the
 * literal it was written as whenever that literal has at most 15 significant digits; longer
 * numbers are refused because their intended decimal cannot be known.
 *
 * @throws RangeError when the value is negative, not finite, has more than 9 decimals (such as
 * the float artifact `0.18000000000000002`), or is too large for an exact integer.
 */
export function usdPriceToNanoUsd(value: number | string): number {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
    text = String(value);
  } else {
    text = value.trim();
  }
  if (text.startsWith("-")) throw new RangeError(`${text} is negative`);
  const parts = DECIMAL_PATTERN.exec(text);
  if (parts === null) throw new RangeError(`"${text}" is not a decimal number`);
  const integerDigits = parts[1] ?? "";
  const fractionDigits = parts[2] ?? "";
  const exponent = Number(parts[3] ?? "0");
  const digits = `${integerDigits}${fractionDigits}`.replace(/^0+(?=\d)/, "");
  // value = digits × 10^(exponent − fractionDigits.length); in nano-USD shift by 9 more.
  const shift = exponent - fractionDigits.length + NANO_DECIMALS;
  let nano: bigint;
  if (shift >= 0) {
    nano = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const cut = -shift;
    const kept = digits.length > cut ? digits.slice(0, digits.length - cut) : "0";
    const dropped = digits.length > cut ? digits.slice(digits.length - cut) : digits;
    if (/[1-9]/.test(dropped)) {
      throw new RangeError(
        `${text} has more than ${NANO_DECIMALS} decimals; prices are exact to the nano-USD (1e-9)`,
      );
    }
    nano = BigInt(kept);
  }
  if (typeof value === "number" && digits.replace(/0+$/, "").length > EXACT_DOUBLE_DIGITS) {
    throw new RangeError(
      `${text} has more than ${EXACT_DOUBLE_DIGITS} significant digits; write it as a decimal string`,
    );
  }
  if (nano > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${text} is too large (over ${Number.MAX_SAFE_INTEGER} nano-USD)`);
  }
  return Number(nano);
}
