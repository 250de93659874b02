import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { invalidUsageArbitrary, validUsageArbitrary } from "./__fixtures__/usage-arbitraries.js";
import { validateUsage } from "./validate-usage.js";

describe("validateUsage properties", () => {
  it("accepts every valid usage and returns an equal, fresh object", () => {
    fc.assert(
      fc.property(validUsageArbitrary, (usage) => {
        const clean = validateUsage(usage);
        expect(clean).toStrictEqual(usage);
        expect(clean).not.toBe(usage);
      }),
      { numRuns: 500 },
    );
  });

  it("accepts the same usage with totalTokens = inputTokens + outputTokens", () => {
    fc.assert(
      fc.property(validUsageArbitrary, (usage) => {
        const totalTokens = usage.inputTokens + usage.outputTokens;
        expect(validateUsage({ ...usage, totalTokens })).toStrictEqual(usage);
      }),
    );
  });

  it("rejects every usage with one thing broken, with an InvalidUsageError", () => {
    fc.assert(
      fc.property(invalidUsageArbitrary, (usage) => {
        let thrown: unknown;
        try {
          validateUsage(usage);
        } catch (error) {
          thrown = error;
        }
        expect(InvalidUsageError.isInstance(thrown)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
