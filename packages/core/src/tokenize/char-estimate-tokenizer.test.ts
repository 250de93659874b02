import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCRIPT_SAMPLES } from "./__fixtures__/script-samples.js";
import { charEstimateTokenizer, countByCharacters } from "./char-estimate-tokenizer.js";
import { gptTokenizer } from "./gpt-tokenizer.js";

describe("charEstimateTokenizer (no rank table)", () => {
  it("counts runs by script at the documented rates", () => {
    // "Hello" (5 Latin letters, 6 per token) → 1; one space joins the next word → 0; "world" → 1.
    expect(countByCharacters("Hello world")).toBe(2);
    // 4 Han characters × 0.75 (o200k_base) = 3; × 1.3 (cl100k_base) = 5.2 → 6.
    expect(countByCharacters("预算结算")).toBe(3);
    expect(countByCharacters("预算结算", "cl100k_base")).toBe(6);
    // "total" 1, space before a number 1, "1284" → ceil(4 / 3) = 2.
    expect(countByCharacters("total 1284")).toBe(4);
    // Newlines: a token per 2; an indentation run of 5 spaces: ceil(4 / 16) = 1; "{}" → 1.
    expect(countByCharacters("\n\n     {}")).toBe(3);
    expect(countByCharacters("")).toBe(0);
  });

  it("names itself and its encoding as an estimate", () => {
    const tokenizer = charEstimateTokenizer("cl100k_base");
    expect(tokenizer.name).toBe("char-estimate");
    expect(tokenizer.encoding).toBe("cl100k_base~chars");
    expect(charEstimateTokenizer("cl100k_base")).toBe(tokenizer);
  });

  // Calibration: the estimate stays within -5% / +40% of the real encoding on every script
  // sample (errs high: it sizes holds), and within ±20% on English prose and code.
  it.each(["o200k_base", "cl100k_base"] as const)("is calibrated against %s", async (encoding) => {
    const exact = await gptTokenizer(encoding);
    const ratios = Object.fromEntries(
      Object.entries(SCRIPT_SAMPLES).map(([name, text]) => [
        name,
        countByCharacters(text, encoding) / exact.count(text),
      ]),
    );
    for (const [name, ratio] of Object.entries(ratios)) {
      expect({ name, ok: ratio >= 0.95 && ratio <= 1.4 }).toEqual({ name, ok: true });
    }
    for (const name of ["englishProse", "englishChat", "typescript"]) {
      expect({ name, ok: (ratios[name] ?? 0) <= 1.2 }).toEqual({ name, ok: true });
    }
  });

  it("never adds more than one token by joining two texts", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const joined = countByCharacters(a + b);
        expect(Number.isInteger(joined) && joined >= 0).toBe(true);
        expect(joined).toBeLessThanOrEqual(countByCharacters(a) + countByCharacters(b) + 1);
      }),
    );
  });
});
