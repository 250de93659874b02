import type { EncodingName } from "./tokenizer.js";

/**
 * The pre-tokenizer patterns of tiktoken's `o200k_base` and `cl100k_base`: BPE never merges
 * across the pieces they cut, so a text's token count is the sum of its pieces' counts. Each
 * comes twice: the Unicode form, and an equivalent ASCII form (letters `A-Za-z`, digits `0-9`,
 * no marks) used when the text has no character above U+007F — without Unicode property classes
 * the regular expression runs about twice as fast.
 */
const CONTRACTION = "'(?:[sS]|[tT]|[rR][eE]|[vV][eE]|[mM]|[lL][lL]|[dD])";

const PATTERNS: Partial<Record<EncodingName, { unicode: RegExp; ascii: RegExp }>> = {
  o200k_base: {
    unicode: new RegExp(
      String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?:${CONTRACTION})?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?:${CONTRACTION})?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
      "gu",
    ),
    ascii: new RegExp(
      String.raw`[^\r\nA-Za-z0-9]?[A-Z]*[a-z]+(?:${CONTRACTION})?|[^\r\nA-Za-z0-9]?[A-Z]+[a-z]*(?:${CONTRACTION})?|[0-9]{1,3}| ?[^\sA-Za-z0-9]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
      "g",
    ),
  },
  cl100k_base: {
    unicode: new RegExp(
      String.raw`${CONTRACTION}|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
      "gu",
    ),
    ascii: new RegExp(
      String.raw`${CONTRACTION}|[^\r\nA-Za-z0-9]?[A-Za-z]+|[0-9]{1,3}| ?[^\sA-Za-z0-9]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
      "g",
    ),
  },
};

const NON_ASCII = /[\u0080-\uffff]/;

/** Pieces longer than this are counted every time, not remembered (rare, and they would bloat the cache). */
const MAX_CACHED_PIECE_CHARS = 32;

/** Distinct pieces remembered per encoding before the cache starts over. */
const MAX_CACHED_PIECES = 50_000;

/** Misses in one text before a mostly-unseen text is counted whole instead. */
const COLD_MISSES = 16;

const caches = new Set<Map<string, number>>();

/**
 * A token counter for `encoding` that splits text with the encoding's pre-tokenizer and
 * remembers each piece's count (`" the"`, `"ing"`, `","`…), so only pieces never seen before
 * reach `countPiece`. Natural text repeats its pieces constantly, so after a few calls most of
 * a new prompt is answered from the cache; a text made mostly of unseen pieces is counted whole
 * (after its first misses have been learned). Returns `undefined` for encodings without a known
 * pattern (count whole texts then). Counts are identical to counting the whole text (tested
 * against gpt-tokenizer on arbitrary Unicode).
 */
export function createPieceCounter(
  encoding: EncodingName,
  countPiece: (piece: string) => number,
): ((text: string) => number) | undefined {
  const patterns = PATTERNS[encoding];
  if (patterns === undefined) return undefined;
  const counts = new Map<string, number>();
  caches.add(counts);
  return (text) => {
    const pattern = NON_ASCII.test(text) ? patterns.unicode : patterns.ascii;
    pattern.lastIndex = 0;
    let total = 0;
    let pieces = 0;
    let misses = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const piece = match[0];
      let count = counts.get(piece);
      if (count === undefined) {
        // Text made mostly of unseen pieces (a first document, code, another script) costs
        // less counted whole than piece by piece: give up on the pieces once most miss.
        if (++misses > COLD_MISSES && misses * 2 > pieces) return countPiece(text);
        count = countPiece(piece);
        if (piece.length <= MAX_CACHED_PIECE_CHARS) {
          if (counts.size >= MAX_CACHED_PIECES) counts.clear();
          counts.set(piece, count);
        }
      }
      pieces++;
      total += count;
    }
    return total;
  };
}

/** Forgets every remembered piece count (with `clearTokenCache()`). */
export function clearPieceCaches(): void {
  for (const counts of caches) counts.clear();
}
