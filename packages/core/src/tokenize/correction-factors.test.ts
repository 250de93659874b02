import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { createCorrectionFactors } from "./correction-factors.js";

describe("createCorrectionFactors", () => {
  it("starts from the documented defaults", () => {
    const factors = createCorrectionFactors();
    expect(factors.factor("anthropic")).toBe(1.2);
    expect(factors.factor("google")).toBe(1.05);
    expect(factors.factor("openai")).toBe(1);
  });

  it("learns the observed ratio, fast at first, then by at most alpha", () => {
    const factors = createCorrectionFactors();
    // Ratio 130/100 = 1.3 each time. Weights: max(0.2, 1/(n+2)) = 1/2, 1/3, 1/4, 0.2.
    expect(factors.observe("anthropic", 100, 130)).toBeCloseTo(1.2 + 0.5 * 0.1, 10); // 1.25
    expect(factors.observe("anthropic", 100, 130)).toBeCloseTo(1.25 + 0.05 / 3, 10); // 1.2667
    expect(factors.observe("anthropic", 100, 130)).toBeCloseTo(1.2666666667 + 0.0333333333 / 4, 8); // 1.275
    expect(factors.observe("anthropic", 100, 130)).toBeCloseTo(1.275 + 0.2 * 0.025, 10); // 1.28
    expect(factors.snapshot().anthropic).toEqual({
      factor: factors.factor("anthropic"),
      observations: 4,
    });
    expect(factors.factor("google")).toBe(1.05); // other families untouched
  });

  it("clamps outliers and the factor itself", () => {
    const factors = createCorrectionFactors({ alpha: 1, maxFactor: 2 });
    // Ratio 10 is clamped to 2; weight max(1, 1/2) = 1 → factor 2.
    expect(factors.observe("mistral", 100, 1000)).toBe(2);
    expect(factors.observe("mistral", 100, 0)).toBe(0.5); // ratio 0 → clamped to minFactor 0.5
  });

  it("never corrects OpenAI and ignores tiny estimates", () => {
    const factors = createCorrectionFactors();
    expect(factors.observe("openai", 100, 150)).toBe(1);
    expect(factors.factor("openai")).toBe(1);
    expect(factors.observe("google", 10, 40)).toBe(1.05); // below minEstimatedTokens (16)
  });

  it("takes fixed (image) tokens out before learning from an estimate", () => {
    const factors = createCorrectionFactors({ alpha: 1 });
    // Billed 1,534 = 1,334 image tokens (Anthropic rule) + 200 text; estimated text was 160.
    const next = factors.observeEstimate(
      { family: "anthropic", textTokens: 160, fixedTokens: 1334 },
      1534,
    );
    expect(next).toBeCloseTo(200 / 160, 10); // weight max(1, ½) = 1 → 1.25
  });

  it("accepts initial factors and rejects bad input with typed errors", () => {
    expect(createCorrectionFactors({ initial: { anthropic: 1.3 } }).factor("anthropic")).toBe(1.3);
    expect(() => createCorrectionFactors({ initial: { anthropic: 0 } })).toThrow(
      InvalidConfigError,
    );
    expect(() => createCorrectionFactors({ alpha: 0 })).toThrow(InvalidConfigError);
    const factors = createCorrectionFactors();
    expect(() => factors.observe("anthropic", 100, Number.NaN)).toThrow(InvalidUsageError);
    expect(() => factors.observe("anthropic", -1, 10)).toThrow(/estimatedTokens/);
  });
});
