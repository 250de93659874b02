import { describe, expect, it } from "vitest";
import { usdPriceToNanoUsd } from "./usd-price-to-nano-usd.js";

describe("usdPriceToNanoUsd", () => {
  it.each([
    [2.5, 2_500_000_000],
    ["0.075", 75_000_000],
    [0.00875, 8_750_000],
    [0.003625, 3_625_000],
    [1e-7, 100],
    [1e-9, 1],
    [2e5, 200_000_000_000_000],
    [0, 0],
    ["1.000000000000", 1_000_000_000],
    // 0.1 + 0.2 is not 0.3 in floats; 0.3 itself converts exactly
    [0.3, 300_000_000],
    ["9007199.254740991", Number.MAX_SAFE_INTEGER],
  ])("%s USD → %i nano-USD", (usd, nano) => {
    expect(usdPriceToNanoUsd(usd)).toBe(nano);
  });

  it.each([
    [0.18000000000000002, /more than 9 decimals/],
    [0.1 + 0.2, /more than 9 decimals/],
    ["0.0000000001", /more than 9 decimals/],
    [1.5e-9, /more than 9 decimals/],
    [-1, /negative/],
    [Number.NaN, /not a finite number/],
    [Number.POSITIVE_INFINITY, /not a finite number/],
    ["abc", /not a decimal number/],
    [123456789.12345679, /more than 15 significant digits/],
    ["9007199.254740992", /too large/],
  ])("refuses %s", (usd, message) => {
    expect(() => usdPriceToNanoUsd(usd)).toThrow(message);
  });
});
