import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integer } from "./integer.js";
import { validate } from "./validate.js";

const messageFor = (check: ReturnType<typeof integer>, value: unknown): string | undefined => {
  const result = validate(check, value);
  return result.ok ? undefined : result.error.issues[0]?.message;
};

describe("integer", () => {
  it("accepts a value exactly when it is a safe integer at least min", () => {
    const anyValue = fc.oneof(
      fc.integer(),
      fc.integer({ min: -1001, max: 1001 }), // often right at a bound
      fc.double(),
      fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -0, 1e300),
      fc.string(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), anyValue, (min, value) => {
        const accepted = validate(integer({ min }), value).ok;
        const expected = typeof value === "number" && Number.isSafeInteger(value) && value >= min;
        expect(accepted).toBe(expected);
      }),
    );
  });

  it("accepts min itself and refuses the integer just below it", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (min) => {
        expect(validate(integer({ min }), min)).toEqual({ ok: true, value: min });
        expect(validate(integer({ min }), min - 1).ok).toBe(false);
      }),
    );
  });

  it("says what it expected and what it got", () => {
    expect(messageFor(integer({ min: 0 }), -1)).toBe("must be a whole number ≥ 0, got -1");
    expect(messageFor(integer({ min: 1 }), 1.5)).toBe("must be a whole number ≥ 1, got 1.5");
    expect(messageFor(integer(), "5")).toBe('must be a whole number, got "5"');
    expect(messageFor(integer(), 2 ** 53)).toBe("must be a whole number, got 9007199254740992");
    expect(messageFor(integer({ message: "must be a count" }), Number.NaN)).toBe("must be a count");
  });
});
