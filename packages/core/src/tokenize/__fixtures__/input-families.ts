import type { EstimateInput } from "../estimate-tokens.js";

/** A kind of input, generated at any length: what the scaling test and bench row G4 time. */
export interface InputFamily {
  name: string;
  /** An input of about `length` characters (of text, or of compact JSON for object inputs). */
  make(length: number): EstimateInput;
}

/** A seeded generator of integers in `[0, bound)` (mulberry32): the same inputs on every run. */
function seededIntegers(seed: number): (bound: number) => number {
  let state = seed >>> 0;
  return (bound) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return Math.floor((((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296) * bound);
  };
}

/** Joins `next()` until the text has `length` characters, then cuts it there. */
function textOf(length: number, next: () => string): string {
  const parts: string[] = [];
  let total = 0;
  while (total < length) {
    const part = next();
    parts.push(part);
    total += part.length;
  }
  return parts.join("").slice(0, length);
}

const WORDS = (
  "the of and to in is was for on that with as by at from his her it an were which are this " +
  "budget model token price request stream cache window limit estimate provider record user " +
  "quickly carefully although because however therefore meanwhile"
).split(" ");

function prose(length: number): string {
  const random = seededIntegers(1);
  return textOf(length, () => {
    const word = WORDS[random(WORDS.length)] as string;
    const end = random(12);
    return end === 0 ? `${word}. ` : end === 1 ? `${word}, ` : `${word} `;
  });
}

function code(length: number): string {
  const random = seededIntegers(2);
  return textOf(length, () => {
    const indent = "  ".repeat(random(6));
    const name = `${WORDS[random(WORDS.length)]}${random(100)}`;
    return `${indent}const ${name} = await ${WORDS[random(WORDS.length)]}(${random(1000)}, "${name}");\n`;
  });
}

function cjk(length: number): string {
  const random = seededIntegers(3);
  return textOf(length, () =>
    random(20) === 0 ? "，" : String.fromCharCode(0x4e00 + random(0x5000)),
  );
}

function emoji(length: number): string {
  const random = seededIntegers(4);
  return textOf(length, () => {
    const face = String.fromCodePoint(0x1f300 + random(0x300));
    return random(8) === 0 ? `${face}\u200d${String.fromCodePoint(0x1f300 + random(0x300))}` : face;
  });
}

function mixedWhitespace(length: number): string {
  const random = seededIntegers(5);
  const choices = [" ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2003"];
  return textOf(length, () => choices[random(choices.length)] as string);
}

function digits(length: number): string {
  const random = seededIntegers(6);
  return textOf(length, () => String(random(10)));
}

function base64(length: number): string {
  const random = seededIntegers(7);
  const bytes = Buffer.alloc(Math.ceil((length * 3) / 4));
  for (let index = 0; index < bytes.length; index++) bytes[index] = random(256);
  return bytes.toString("base64").slice(0, length);
}

/** Any UTF-16 code unit, lone surrogates included, with a space now and then. */
function mixedUnicode(length: number): string {
  const random = seededIntegers(8);
  return textOf(length, () => (random(10) === 0 ? " " : String.fromCharCode(random(0x10000))));
}

/** A tool call whose input is `input`, as the AI SDK prompt carries it. */
function toolCall(input: unknown): EstimateInput {
  return {
    messages: [
      {
        role: "assistant",
        content: [{ type: "tool-call", toolCallId: "call_1", toolName: "lookup", input }],
      },
    ],
  };
}

/** Records of about 60 characters of compact JSON each. */
function jsonRecords(length: number): EstimateInput {
  const random = seededIntegers(9);
  const records = Array.from({ length: Math.ceil(length / 60) }, (_, index) => ({
    id: index,
    name: WORDS[random(WORDS.length)],
    score: random(10_000) / 100,
    tags: [WORDS[random(WORDS.length)]],
  }));
  return toolCall(records);
}

/** `{"a":{"a":…1…}}`: 6 characters of JSON per level, the closing braces one long run. */
function deepNesting(length: number): EstimateInput {
  let value: unknown = 1;
  for (let level = 0; level < Math.floor(length / 6); level++) value = { a: value };
  return toolCall(value);
}

/** Every family the scaling test and bench row G4 check. */
export const INPUT_FAMILIES: readonly InputFamily[] = [
  { name: "prose", make: prose },
  { name: "code", make: code },
  { name: "CJK", make: cjk },
  { name: "emoji", make: emoji },
  { name: "spaces", make: (length) => " ".repeat(length) },
  { name: "newlines", make: (length) => "\n".repeat(length) },
  { name: "mixed whitespace", make: mixedWhitespace },
  { name: '"a" repeated', make: (length) => "a".repeat(length) },
  { name: "digits", make: digits },
  { name: "base64", make: base64 },
  { name: "JSON tool input", make: jsonRecords },
  { name: "tool input nested deep", make: deepNesting },
  { name: "mixed Unicode, lone surrogates", make: mixedUnicode },
];
