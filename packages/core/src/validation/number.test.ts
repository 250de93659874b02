import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { number } from "./number.js";
import { validate } from "./validate.js";

describe("number", () => {
  it("accepts a value exactly when it is a finite number at least min", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean()),
        (min, value) => {
          const expected = typeof value === "number" && Number.isFinite(value) && value >= min;
          expect(validate(number({ min }), value).ok).toBe(expected);
        },
      ),
    );
  });

  it("refuses NaN and infinities even without min", () => {
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const result = validate(number(), value);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.issues[0]?.message).toBe(`must be a finite number, got ${value}`);
      }
    }
  });

  it("names the bound it missed", () => {
    const result = validate(number({ min: 1 }), 0.5);
    expect(result.ok ? undefined : result.error.message).toBe(
      "(value): must be a number ≥ 1, got 0.5",
    );
  });

  it("builds a custom message from the rejected value", () => {
    const check = number({ message: (value) => `usd must be positive, got ${String(value)}` });
    const result = validate(check, null);
    expect(result.ok ? undefined : result.error.issues[0]?.message).toBe(
      "usd must be positive, got null",
    );
  });
});
