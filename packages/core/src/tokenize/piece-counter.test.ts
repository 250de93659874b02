import fc from "fast-check";
import { countTokens as countCl100k } from "gpt-tokenizer/encoding/cl100k_base";
import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";
import { getEncoding } from "js-tiktoken";
import { describe, expect, it } from "vitest";
import { clearPieceCaches, createPieceCounter } from "./piece-counter.js";
import type { EncodingName } from "./tokenizer.js";

const plainText = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };
const whole: Record<"o200k_base" | "cl100k_base", (text: string) => number> = {
  o200k_base: (text) => countO200k(text, plainText),
  cl100k_base: (text) => countCl100k(text, plainText),
};

/** Characters where the pre-tokenizer rules differ: case, contractions, digits, newlines, marks, CJK, emoji. */
const tricky = [
  "a",
  "Z",
  "é",
  "É",
  "ß",
  "中",
  "文",
  "😀",
  "\u0301",
  "\u00a0",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\t",
  "'",
  "'s",
  "'LL",
  "'ve",
  "1",
  "1234",
  ".",
  ",",
  "/",
  "<|endoftext|>",
  "Hello",
  "WORLD",
  "don't",
  "x\u0301",
];

const trickyText = fc
  .array(fc.constantFrom(...tricky), { maxLength: 40 })
  .map((parts) => parts.join(""));

describe("createPieceCounter", () => {
  for (const encoding of ["o200k_base", "cl100k_base"] as const) {
    describe(encoding, () => {
      // An independent oracle: js-tiktoken (another implementation of the same encoding).
      const oracle = getEncoding(encoding);
      const expected = (text: string): number => oracle.encode(text, [], []).length;

      it("counts known strings like tiktoken", () => {
        const count = createPieceCounter(encoding, whole[encoding]);
        // "Hello world" is two tokens in both encodings ("Hello", " world").
        expect(count?.("Hello world")).toBe(2);
        expect(count?.("")).toBe(0);
        const sentence = "The quick brown fox doesn't jump over 1234 lazy dogs.\n\n  Really?";
        expect(count?.(sentence)).toBe(expected(sentence));
      });

      it("equals a whole-text count on arbitrary Unicode and on tricky mixes (property)", () => {
        const count = createPieceCounter(encoding, whole[encoding]);
        fc.assert(
          fc.property(
            fc.oneof(fc.string({ unit: "binary", maxLength: 60 }), trickyText),
            (text) => {
              expect(count?.(text)).toBe(expected(text));
            },
          ),
          { numRuns: 400 },
        );
      });

      it("equals a whole-text count on pure ASCII, where the fast pattern applies (property)", () => {
        const count = createPieceCounter(encoding, whole[encoding]);
        fc.assert(
          fc.property(fc.string({ unit: "binary-ascii", maxLength: 80 }), (text) => {
            expect(count?.(text)).toBe(expected(text));
          }),
          { numRuns: 400 },
        );
      });
    });
  }

  it("asks for each distinct piece once", () => {
    const asked: string[] = [];
    const count = createPieceCounter("o200k_base", (piece) => {
      asked.push(piece);
      return whole.o200k_base(piece);
    });
    // Pieces: "the", " cat", " and", " the", " dog" — then every piece again.
    expect(count?.("the cat and the dog")).toBe(5);
    expect(count?.("the dog and the cat")).toBe(5);
    expect(asked).toEqual(["the", " cat", " and", " the", " dog"]);
    clearPieceCaches();
    count?.("the");
    expect(asked).toHaveLength(6);
  });

  it("counts a text of mostly unseen pieces whole once most of its pieces miss", () => {
    const asked: string[] = [];
    const count = createPieceCounter("o200k_base", (piece) => {
      asked.push(piece);
      return whole.o200k_base(piece);
    });
    // 40 distinct three-letter words ("aaa", " aab", …): every piece is new.
    const letters = "abcdefghijklmnopqrstuvwxyz";
    const text = Array.from(
      { length: 40 },
      (_, index) => `a${letters[Math.floor(index / 26)]}${letters[index % 26]}`,
    ).join(" ");
    const oracle = getEncoding("o200k_base");
    expect(count?.(text)).toBe(oracle.encode(text, [], []).length);
    // 16 pieces asked one by one (and remembered), then the 17th miss: the whole text.
    expect(asked).toHaveLength(17);
    expect(asked.at(-1)).toBe(text);
    expect(asked.slice(0, 2)).toEqual(["aaa", " aab"]);
  });

  it("has no pattern for the older encodings (whole texts are counted then)", () => {
    expect(createPieceCounter("p50k_base" as EncodingName, () => 0)).toBeUndefined();
    expect(createPieceCounter("r50k_base", () => 0)).toBeUndefined();
  });
});
