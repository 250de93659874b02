import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validUsageArbitrary as usageArbitrary } from "./__fixtures__/usage-arbitraries.js";
import { addUsage } from "./add-usage.js";
import { emptyUsage } from "./empty-usage.js";
import type { Usage } from "./usage.js";
import { validateUsage } from "./validate-usage.js";

describe("addUsage", () => {
  it("adds totals and keeps parts present in either side", () => {
    const a: Usage = {
      inputTokens: 100,
      cacheReadTokens: 40,
      outputTokens: 20,
      reasoningTokens: 8,
    };
    const b: Usage = { inputTokens: 100, cacheWriteTokens: 30, outputTokens: 21 };
    expect(addUsage(a, b)).toStrictEqual({
      inputTokens: 200, // 100 + 100
      cacheReadTokens: 40, // 40 + absent
      cacheWriteTokens: 30, // absent + 30
      outputTokens: 41, // 20 + 21
      reasoningTokens: 8,
    });
  });

  it("sums one million single-token usages exactly", () => {
    let total = emptyUsage();
    const one: Usage = { inputTokens: 1, cacheReadTokens: 1, outputTokens: 3 };
    for (let index = 0; index < 1_000_000; index++) total = addUsage(total, one);
    expect(total).toStrictEqual({
      inputTokens: 1_000_000,
      cacheReadTokens: 1_000_000,
      outputTokens: 3_000_000,
    });
  });

  it("emptyUsage is zero and a fresh object each call", () => {
    expect(emptyUsage()).toStrictEqual({ inputTokens: 0, outputTokens: 0 });
    expect(emptyUsage()).not.toBe(emptyUsage());
  });

  it("property: commutative, associative, emptyUsage is the identity", () => {
    fc.assert(
      fc.property(usageArbitrary, usageArbitrary, usageArbitrary, (a, b, c) => {
        expect(addUsage(a, b)).toStrictEqual(addUsage(b, a));
        expect(addUsage(addUsage(a, b), c)).toStrictEqual(addUsage(a, addUsage(b, c)));
        expect(addUsage(a, emptyUsage())).toStrictEqual(a);
      }),
    );
  });

  it("property: equals the field-wise sums and stays valid", () => {
    fc.assert(
      fc.property(usageArbitrary, usageArbitrary, (a, b) => {
        const sum = addUsage(a, b);
        expect(sum.inputTokens).toBe(a.inputTokens + b.inputTokens);
        expect(sum.outputTokens).toBe(a.outputTokens + b.outputTokens);
        const parts = [
          "cacheReadTokens",
          "cacheWriteTokens",
          "cacheWrite1hTokens",
          "reasoningTokens",
          "inputAudioTokens",
          "inputImageTokens",
          "outputAudioTokens",
        ] as const;
        for (const part of parts) {
          const left = a[part];
          const right = b[part];
          if (left === undefined && right === undefined) expect(part in sum).toBe(false);
          else expect(sum[part]).toBe((left ?? 0) + (right ?? 0));
        }
        expect(validateUsage(sum)).toStrictEqual(sum);
      }),
    );
  });
});
