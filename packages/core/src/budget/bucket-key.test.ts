import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketKey, thresholdClaimKey } from "./bucket-key.js";

describe("bucketKey", () => {
  it("keeps global rules short and encodes scoped values", () => {
    expect(
      bucketKey({ ruleId: "all", scope: "global", scopeValue: "global", windowKey: "total" }),
    ).toBe("all|global|total");
    expect(
      bucketKey({ ruleId: "u", scope: "userId", scopeValue: "{a}|b", windowKey: "day:2026-01-01" }),
    ).toBe("u|userId=%7Ba%7D%7Cb|day:2026-01-01");
  });

  it("never gives two different rule/scope/value triples the same key, and always has three segments", () => {
    const triple = fc.record({
      ruleId: fc.string({ minLength: 1 }),
      scope: fc.oneof(fc.constant("global"), fc.string({ minLength: 1 })),
      scopeValue: fc.string(),
    });
    fc.assert(
      fc.property(triple, triple, (left, right) => {
        const normalize = (value: typeof left) =>
          value.scope === "global" ? { ...value, scopeValue: "global" } : value;
        const a = normalize(left);
        const b = normalize(right);
        const keyA = bucketKey({ ...a, windowKey: "day:2026-01-01" });
        const keyB = bucketKey({ ...b, windowKey: "day:2026-01-01" });
        expect(keyA.split("|")).toHaveLength(3);
        const same = a.ruleId === b.ruleId && a.scope === b.scope && a.scopeValue === b.scopeValue;
        expect(keyA === keyB).toBe(same);
      }),
      { numRuns: 500 },
    );
  });

  it("keys values with a lone surrogate or a NUL (no URIError), each distinct", () => {
    const keyOf = (scopeValue: string) =>
      bucketKey({ ruleId: "u", scope: "userId", scopeValue, windowKey: "day:2026-01-01" });
    const values = ["a", "a\uD800", "a\uDC00", "a\u0000", "a\uFFFD", "a%uD800", "a\uD83D\uDE00"];
    const keys = values.map(keyOf);
    expect(new Set(keys).size).toBe(values.length);
    expect(keyOf("a\uD800")).toBe("u|userId=a%uD800|day:2026-01-01");
    expect(keyOf("a\u0000")).toBe("u|userId=a%00|day:2026-01-01");
    // A surrogate pair (an emoji) is well-formed: the key encodeURIComponent always gave it.
    expect(keyOf("a\uD83D\uDE00")).toBe("u|userId=a%F0%9F%98%80|day:2026-01-01");
  });

  it("stays injective over any UTF-16 code units, lone surrogates included", () => {
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    const value = fc.string({ unit: codeUnit, maxLength: 6 });
    fc.assert(
      fc.property(value, value, (left, right) => {
        const keyOf = (scopeValue: string) =>
          bucketKey({ ruleId: "u", scope: "userId", scopeValue, windowKey: "total" });
        expect(keyOf(left) === keyOf(right)).toBe(left === right);
      }),
      { numRuns: 2_000 },
    );
  });

  it("derives threshold claim keys from the bucket key", () => {
    expect(thresholdClaimKey({ key: "u|userId=a|day:2026-01-01" }, "usd", 0.8)).toBe(
      "u|userId=a|day:2026-01-01|threshold:usd:0.8",
    );
  });
});
