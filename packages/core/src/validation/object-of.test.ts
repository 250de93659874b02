import { describe, expect, it } from "vitest";
import { integer } from "./integer.js";
import { objectOf } from "./object-of.js";
import { optional } from "./optional.js";
import { string } from "./string.js";
import { validate } from "./validate.js";

const options = objectOf({
  maxRecords: optional(integer({ min: 0 })),
  name: string(),
});

describe("objectOf", () => {
  it("returns a fresh object with the checked keys, absent optional keys left out", () => {
    const input = { name: "a", maxRecords: undefined };
    const result = validate(options, input);
    expect(result).toEqual({ ok: true, value: { name: "a" } });
    expect(result.ok && result.value).not.toBe(input);
    expect(result.ok && Object.keys(result.value)).toEqual(["name"]);
  });

  it("reports every bad field with its path, then unknown keys", () => {
    const result = validate(options, { maxRecords: -1, extra: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues).toEqual([
      { path: ["maxRecords"], message: "must be a whole number ≥ 0, got -1" },
      { path: ["name"], message: "must be a string, got undefined" },
      {
        path: [],
        message: 'unknown key "extra" (known keys: maxRecords, name)',
        unknownKeys: ["extra"],
        knownKeys: ["maxRecords", "name"],
      },
    ]);
  });

  it("suggests the known key a misspelled one is closest to", () => {
    const result = validate(options, { name: "a", maxRecord: 5, nmae: "b" });
    expect(result.ok ? undefined : result.error.issues[0]?.message).toBe(
      'unknown keys "maxRecord", "nmae" (did you mean "maxRecords" for "maxRecord", "name" for "nmae"? known keys: maxRecords, name)',
    );
  });

  it("refuses what is not an object, arrays and null included", () => {
    for (const [value, shown] of [
      [5, "5"],
      [null, "null"],
      [[], "an array"],
      ["x", '"x"'],
    ] as const) {
      const result = validate(options, value);
      expect(result.ok ? undefined : result.error.message).toBe(
        `(value): must be an object, got ${shown}`,
      );
    }
  });

  it("nests: paths run from the root", () => {
    const nested = objectOf({ limit: objectOf({ usd: integer() }) });
    const result = validate(nested, { limit: { usd: "5" } });
    expect(result.ok ? undefined : result.error.issues[0]?.path).toEqual(["limit", "usd"]);
  });
});
