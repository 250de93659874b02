import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exceededLimit, zeroAmounts } from "./amounts.js";

/** Integers that are exact doubles up to 2^62: a 2^20-range mantissa times a power of two. */
const exactInteger = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 20 }), fc.integer({ min: 0, max: 42 }))
  .map(([mantissa, shift]) => mantissa * 2 ** shift);

describe("exceededLimit", () => {
  it("denies one nano-USD over a full 1e18 limit (1e18 + 1 rounds to 1e18 as a double)", () => {
    const balance = { spent: zeroAmounts(), held: { ...zeroAmounts(), nanoUsd: 1e18 } };
    const denied = exceededLimit("b", { nanoUsd: 1e18 }, balance, { ...zeroAmounts(), nanoUsd: 1 });
    expect(denied).toEqual({
      key: "b",
      limitKind: "usd",
      limit: 1e18,
      spent: 0,
      held: 1e18,
      requested: 1,
    });
  });

  it("is exact for any exact integers: the same answer as BigInt arithmetic", () => {
    fc.assert(
      fc.property(
        exactInteger,
        exactInteger,
        exactInteger,
        exactInteger,
        (spent, held, requested, limit) => {
          const balance = {
            spent: { ...zeroAmounts(), tokens: spent },
            held: { ...zeroAmounts(), tokens: held },
          };
          const denied = exceededLimit("b", { tokens: limit }, balance, {
            ...zeroAmounts(),
            tokens: requested,
          });
          const expected = BigInt(spent) + BigInt(held) + BigInt(requested) > BigInt(limit);
          expect(denied !== undefined).toBe(expected);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
