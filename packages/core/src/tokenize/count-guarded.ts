/**
 * Longest run of whitespace, or of non-whitespace, counted in one piece. BPE cost grows worse
 * than linearly on runs the pre-tokenizer cannot split (a Han paragraph without punctuation,
 * "aaaa…", some base64, 50k spaces or newlines): 32k Han characters take ~8 s unguarded with
 * gpt-tokenizer and ~0.2 s split at 256, at a cost of ≤ ±0.15% in the count
 * (research/performance.md §1d); 20k spaces ~0.3 s unguarded (bench row G4).
 */
export const MAX_RUN_CHARS = 256;

/** How far back from a forced cut to look for a natural token boundary. */
const BOUNDARY_SEARCH_CHARS = 32;

/** Exactly the characters of `\s` in a JavaScript regular expression (the pre-tokenizers' `\s`). */
export function isWhitespace(code: number): boolean {
  if (code < 0xa0) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** ASCII punctuation except the apostrophe (it starts contractions like `'s`). */
function isAsciiPunctuation(code: number): boolean {
  return code > 32 && code < 127 && code !== 39 && !isAsciiAlphanumeric(code);
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

const wordCharacter = /[\p{L}\p{N}\p{M}]/u;
const punctuationCharacter = /[\p{P}\p{S}]/u;

/** A letter, digit or mark: the end of a word piece. */
function isWordCharacter(code: number): boolean {
  if (code < 128) return isAsciiAlphanumeric(code);
  return !isSurrogate(code) && wordCharacter.test(String.fromCharCode(code));
}

/** Punctuation or a symbol: starts a new piece after a word (`好|，`, `abc|"`). */
function isPunctuation(code: number): boolean {
  if (code < 128) return isAsciiPunctuation(code);
  return !isSurrogate(code) && punctuationCharacter.test(String.fromCharCode(code));
}

/**
 * Where to cut a run that became too long at `index`. Prefers a word → punctuation step
 * (`abc|"def`, `123|,`, `好|，`), always a boundary of the tiktoken pre-tokenizers, so long
 * JSON, URLs and punctuated CJK stay exact. Otherwise cuts at `index`, never inside a
 * surrogate pair.
 */
function cutPosition(text: string, index: number, pieceStart: number): number {
  const lowest = Math.max(index - BOUNDARY_SEARCH_CHARS, pieceStart);
  for (let position = index; position > lowest; position--) {
    if (
      isPunctuation(text.charCodeAt(position)) &&
      isWordCharacter(text.charCodeAt(position - 1))
    ) {
      return position;
    }
  }
  const code = text.charCodeAt(index);
  const isLowSurrogate = code >= 0xdc00 && code <= 0xdfff;
  return isLowSurrogate && index - 1 > pieceStart ? index - 1 : index;
}

/**
 * Where to cut a whitespace run that became too long at `index`: before the run of identical
 * characters it ends with (`\n|␣␣␣…`), else at `index`. Long runs of one character are then cut
 * every `maxRunChars` from their start, where BPE's longest whitespace tokens (128 spaces, 16
 * newlines: powers of two) align, so indentation and blank lines stay exact.
 */
function whitespaceCut(index: number, runLength: number, sameStart: number): number {
  const runStart = index - runLength + 1;
  return sameStart > runStart ? sameStart : index;
}

/**
 * Counts `text` with `count`, first cutting runs of more than `maxRunChars` whitespace or
 * non-whitespace characters into pieces, so the cost stays linear in the length of any input:
 * every pre-tokenizer piece then spans at most two runs. Text without such a run (almost all
 * real text) is counted in one call, unchanged.
 */
export function countGuarded(
  text: string,
  count: (piece: string) => number,
  maxRunChars: number = MAX_RUN_CHARS,
): number {
  let total = 0;
  let pieceStart = 0;
  let runLength = 0;
  let inWhitespace = false;
  /** Start of the run of identical characters `index` is in. */
  let sameStart = 0;
  let previousCode = -1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== previousCode) {
      sameStart = index;
      previousCode = code;
    }
    const whitespace = isWhitespace(code);
    if (whitespace !== inWhitespace) {
      inWhitespace = whitespace;
      runLength = 0;
    }
    runLength++;
    if (runLength > maxRunChars) {
      const cut = whitespace
        ? whitespaceCut(index, runLength, sameStart)
        : cutPosition(text, index, pieceStart);
      total += count(text.slice(pieceStart, cut));
      pieceStart = cut;
      runLength = index - cut + 1;
    }
  }
  return total + count(pieceStart === 0 ? text : text.slice(pieceStart));
}
