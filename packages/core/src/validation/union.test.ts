import { describe, expect, it } from "vitest";
import { integer } from "./integer.js";
import { objectOf } from "./object-of.js";
import { oneOf } from "./one-of.js";
import { union } from "./union.js";
import { validate } from "./validate.js";

const window = union(
  [oneOf(["day", "month"]), objectOf({ rollingMs: integer({ min: 1000 }) })],
  'must be "day", "month" or { rollingMs }',
);

const issuesOf = (value: unknown): unknown => {
  const result = validate(window, value);
  return result.ok ? undefined : result.error.issues;
};

describe("union", () => {
  it("accepts what any branch accepts, as that branch returns it", () => {
    expect(validate(window, "day")).toEqual({ ok: true, value: "day" });
    expect(validate(window, { rollingMs: 5000 })).toEqual({ ok: true, value: { rollingMs: 5000 } });
  });

  it("reports its own message when no branch recognizes the value", () => {
    for (const value of ["year", 5, undefined, []]) {
      expect(issuesOf(value)).toEqual([
        { path: [], message: 'must be "day", "month" or { rollingMs }' },
      ]);
    }
  });

  it("reports the nested problem of the one branch that recognized the value's shape", () => {
    expect(issuesOf({ rollingMs: 500 })).toEqual([
      { path: ["rollingMs"], message: "must be a whole number ≥ 1000, got 500" },
    ]);
    expect(issuesOf({ rollingMs: 5000, unit: "ms" })).toEqual([
      {
        path: [],
        message: 'unknown key "unit" (known keys: rollingMs)',
        unknownKeys: ["unit"],
        knownKeys: ["rollingMs"],
      },
    ]);
  });
});
