import fc from "fast-check";
import { countTokens as rawO200k } from "gpt-tokenizer/encoding/o200k_base";
import { getEncoding } from "js-tiktoken";
import { describe, expect, it } from "vitest";
import { countGuarded, isWhitespace, MAX_RUN_CHARS } from "./count-guarded.js";

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

  it("treats exactly the characters of the regex class \\s as whitespace", () => {
    for (let code = 0; code <= 0xffff; code++) {
      expect(isWhitespace(code), `U+${code.toString(16)}`).toBe(
        /\s/.test(String.fromCharCode(code)),
      );
    }
  });

  it("cuts long whitespace runs too, so every piece has short runs", () => {
    const longestRun = (piece: string): number => {
      let longest = 0;
      let length = 0;
      for (let index = 0; index < piece.length; index++) {
        const same =
          index > 0 &&
          isWhitespace(piece.charCodeAt(index)) === isWhitespace(piece.charCodeAt(index - 1));
        length = same ? length + 1 : 1;
        longest = Math.max(longest, length);
      }
      return longest;
    };
    const characters = fc.constantFrom(
      " ",
      "\n",
      "\t",
      "\r\n",
      "\u2003",
      "a",
      ".",
      "中",
      "😀",
      "\ud800",
    );
    fc.assert(
      fc.property(
        fc.array(characters, { maxLength: 3000 }).map((parts) => parts.join("")),
        fc.integer({ min: 2, max: 300 }),
        (text, max) => {
          const parts = pieces(text, max);
          expect(parts.join("")).toBe(text);
          for (const piece of parts) expect(longestRun(piece)).toBeLessThanOrEqual(max);
        },
      ),
    );
    expect(pieces(" ".repeat(1000)).map((piece) => piece.length)).toEqual([256, 256, 256, 232]);
  });
});

describe("countGuarded on long pieces, against js-tiktoken", () => {
  const tiktoken = getEncoding("o200k_base");
  const reference = (text: string): number => tiktoken.encode(text, [], []).length;
  const indentedCode = Array.from(
    { length: 60 },
    (_, line) => `${" ".repeat((line * 37) % 700)}call(${line});\n`,
  ).join("");
  const base64 = Buffer.from(
    Array.from({ length: 9000 }, (_, index) => (index * 7919 + 13) % 256),
  ).toString("base64");
  // 1,000–2,500 characters each (4–10 cuts): js-tiktoken itself is quadratic on one long
  // piece (20,000 spaces take it ~25 s).
  const inputs: Record<string, string> = {
    "2,500 spaces before a word": `${" ".repeat(2500)}word`,
    "2,500 newlines": "\n".repeat(2500),
    "1,250 CRLF": "\r\n".repeat(1250),
    "2,500 tabs": "\t".repeat(2500),
    "alternating newline and space": "\n ".repeat(1250),
    "code indented up to 700 spaces": indentedCode,
    "1,500 no-break spaces": "\u00a0".repeat(1500),
    '2,500 "a"': "a".repeat(2500),
    "12,000 base64 characters": base64,
    "20,000 digits": "7".repeat(20_000),
    "1,000 Han characters, no punctuation": "天地玄黄宇宙洪荒日月盈昃辰宿列张".repeat(63),
  };

  for (const [name, text] of Object.entries(inputs)) {
    it(`${name}: never below, at most 2% above`, () => {
      const expected = reference(text);
      const counted = countGuarded(text, exact);
      expect(counted).toBeGreaterThanOrEqual(expected);
      expect(counted).toBeLessThanOrEqual(expected * 1.02);
    });
  }
});
