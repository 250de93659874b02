import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CENT_NANO_DIGITS,
  decimalToNanoUsd,
  USD_NANO_DIGITS,
  usdNumberToNanoUsd,
} from "./amount-to-nano-usd.js";

describe("decimalToNanoUsd", () => {
  it("reads cents and dollars exactly", () => {
    expect(decimalToNanoUsd("123.45", CENT_NANO_DIGITS)).toBe(1_234_500_000); // $1.2345
    expect(decimalToNanoUsd("0.0000001", CENT_NANO_DIGITS)).toBe(1); // 10^-7 cent = 1 nano-USD
    expect(decimalToNanoUsd("0.00000005", CENT_NANO_DIGITS)).toBe(1); // half rounds up
    expect(decimalToNanoUsd("0.00000004", CENT_NANO_DIGITS)).toBe(0);
    expect(decimalToNanoUsd("-2.5", USD_NANO_DIGITS)).toBe(-2_500_000_000);
    expect(decimalToNanoUsd("1e3", USD_NANO_DIGITS)).toBeUndefined();
    expect(decimalToNanoUsd("", USD_NANO_DIGITS)).toBeUndefined();
  });

  it("property: whole cents and nano-cents written as decimals come back exactly", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 9_999_999 }),
        (cents, fraction) => {
          const text = `${cents}.${String(fraction).padStart(7, "0")}`;
          expect(decimalToNanoUsd(text, CENT_NANO_DIGITS)).toBe(cents * 10_000_000 + fraction);
        },
      ),
    );
  });

  it("property: a USD number with up to 9 decimals gives its nano-USD exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), (nanoUsd) => {
        // nanoUsd / 1e9 is the closest double to the decimal; reading it back is exact.
        expect(usdNumberToNanoUsd(nanoUsd / 1e9)).toBe(nanoUsd);
      }),
    );
  });
});
