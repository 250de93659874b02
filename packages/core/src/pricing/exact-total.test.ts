import { describe, expect, it } from "vitest";
import { divideByMillionHalfUp, sumOfProducts } from "./exact-total.js";

describe("divideByMillionHalfUp", () => {
  it.each([
    [0, 0],
    [499_999, 0],
    [500_000, 1],
    [1_499_999, 1],
    [1_500_000, 2],
    [Number.MAX_SAFE_INTEGER, 9_007_199_255],
    [10n ** 21n + 500_000n, 1_000_000_000_000_001],
  ])("%s / 1e6 → %i", (sum, expected) => {
    expect(divideByMillionHalfUp(sum)).toBe(expected);
  });

  it("refuses a result beyond exact integers", () => {
    expect(() => divideByMillionHalfUp(10n ** 23n)).toThrow(RangeError);
  });
});

describe("sumOfProducts", () => {
  it("stays a number below 2^53 and switches to BigInt above", () => {
    expect(sumOfProducts([3, 4], [5, 6])).toBe(39);
    // 2^40 × 2^20 = 2^60 is beyond 2^53
    expect(sumOfProducts([2 ** 40, 1], [2 ** 20, 7])).toBe(2n ** 60n + 7n);
  });
});
