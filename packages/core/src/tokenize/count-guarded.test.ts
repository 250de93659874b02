import fc from "fast-check";
import { countTokens as rawO200k } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { countGuarded, MAX_RUN_CHARS } from "./count-guarded.js";

const plainText = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
const exact = (text: string): number => rawO200k(text, plainText);

function pieces(text: string, maxRunChars?: number): string[] {
  const seen: string[] = [];
  countGuarded(
    text,
    (piece) => {
      seen.push(piece);
      return piece.length;
    },
    maxRunChars,
  );
  return seen;
}

describe("countGuarded", () => {
  it("counts ordinary text in one call", () => {
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(200);
    expect(pieces(text)).toEqual([text]);
    expect(countGuarded(text, exact)).toBe(exact(text));
  });

  it("stays within ±1% of the exact count on a 2,000-char Han run", () => {
    const han = "天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏".repeat(80); // 24 × 80 = 1,920
    const text = `${han}${"国".repeat(2000 - han.length)}`;
    expect(text.length).toBe(2000);
    expect(pieces(text).length).toBe(Math.ceil(2000 / MAX_RUN_CHARS)); // 8 pieces
    const unsplit = exact(text);
    expect(Math.abs(countGuarded(text, exact) - unsplit)).toBeLessThanOrEqual(unsplit * 0.01);
  });

  it('stays within ±1% of the exact count on 10,000 "a"', () => {
    const text = "a".repeat(10_000);
    const unsplit = exact(text);
    expect(Math.abs(countGuarded(text, exact) - unsplit)).toBeLessThanOrEqual(unsplit * 0.01);
  });

  it("cuts long JSON and URLs at token boundaries, so they stay exact", () => {
    const json = JSON.stringify(
      Array.from({ length: 120 }, (_, index) => ({ id: index, name: `item${index}`, ok: true })),
    );
    expect(json.length).toBeGreaterThan(3000);
    expect(pieces(json).length).toBeGreaterThan(10);
    expect(countGuarded(json, exact)).toBe(exact(json));
  });

  it("cuts punctuated CJK at punctuation, so it stays exact", () => {
    const text =
      "今天的天气很好，我们一起去公园散步。这个模型的价格比较便宜、请帮我总结这篇文章。".repeat(60);
    expect(pieces(text).length).toBeGreaterThan(5);
    expect(countGuarded(text, exact)).toBe(exact(text));
  });

  it("never splits a surrogate pair", () => {
    const text = "😀".repeat(300); // 600 UTF-16 units, no whitespace
    for (const piece of pieces(text)) {
      const first = piece.charCodeAt(0);
      expect(first >= 0xdc00 && first <= 0xdfff).toBe(false);
    }
  });

  it("partitions any text: pieces join back to the input", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 2000 }),
        fc.integer({ min: 2, max: 300 }),
        (text, max) => {
          const parts = pieces(text, max);
          expect(parts.join("")).toBe(text);
          expect(countGuarded(text, (piece) => piece.length, max)).toBe(text.length);
        },
      ),
    );
  });
});
