import { describe, expect, it } from "vitest";
import { INPUT_FAMILIES } from "./__fixtures__/input-families.js";
import { measureScaling } from "./__fixtures__/measure-scaling.js";

/**
 * Issue 13: estimating n characters of any input takes at most 3 × 10 × the time of n/10
 * characters of the same input. Ratios only, no absolute times; 20,000 characters at the small
 * end so timer resolution does not matter; caches emptied before each estimate.
 */
const SMALL_LENGTH = 20_000;
const REPETITIONS = 5;
const MAX_RATIO = 30;

describe("estimation time grows linearly with the input", () => {
  for (const family of INPUT_FAMILIES) {
    it(`${family.name}: 10× the input takes ≤ ${MAX_RATIO}× the time`, async () => {
      let scaling = await measureScaling(family, SMALL_LENGTH, REPETITIONS);
      // Retried once: a burst of load on a shared 2-core machine can spoil one measurement.
      if (scaling.ratio > MAX_RATIO) {
        scaling = await measureScaling(family, SMALL_LENGTH, REPETITIONS);
      }
      const times = `${scaling.smallMs.toFixed(2)} ms → ${scaling.largeMs.toFixed(2)} ms`;
      expect(scaling.ratio, times).toBeLessThanOrEqual(MAX_RATIO);
    }, 120_000);
  }
});
