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

  it("derives threshold claim keys from the bucket key", () => {
    expect(thresholdClaimKey({ key: "u|userId=a|day:2026-01-01" }, "usd", 0.8)).toBe(
      "u|userId=a|day:2026-01-01|threshold:usd:0.8",
    );
  });
});
