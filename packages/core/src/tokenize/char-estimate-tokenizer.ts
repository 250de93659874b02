import type { EncodingName, Tokenizer } from "./tokenizer.js";

/**
 * Tokens per run of characters of each script, by encoding. Measured against the real
 * encodings (gpt-tokenizer) on English prose, TypeScript, JSON, Chinese, Japanese, Korean,
 * Russian and mixed text: see char-estimate-tokenizer.test.ts, which fails when a sample
 * drifts out of its band. Each rate errs a little high, so a hold sized by it covers the call.
 */
interface ScriptRates {
  /** Characters of a Latin word that one token covers (a leading space rides with the word). */
  latinCharsPerToken: number;
  /** Digits per token (both encodings split numbers into groups of at most 3). */
  digitsPerToken: number;
  /** Tokens per Han character (Chinese, kanji). */
  hanTokensPerChar: number;
  /** Tokens per kana character (Japanese). */
  kanaTokensPerChar: number;
  /** Tokens per Hangul syllable (Korean). */
  hangulTokensPerChar: number;
  /** Characters per token in words of other alphabets (Cyrillic, Greek, Arabic, Devanagari…). */
  otherCharsPerToken: number;
}

const o200kRates: ScriptRates = {
  latinCharsPerToken: 6,
  digitsPerToken: 3,
  hanTokensPerChar: 0.75,
  kanaTokensPerChar: 0.75,
  hangulTokensPerChar: 0.6,
  otherCharsPerToken: 5,
};

const cl100kRates: ScriptRates = {
  latinCharsPerToken: 6,
  digitsPerToken: 3,
  hanTokensPerChar: 1.3,
  kanaTokensPerChar: 0.9,
  hangulTokensPerChar: 1,
  otherCharsPerToken: 2.2,
};

/** Older GPT-3 encodings: cl100k's rates, a little coarser on other scripts. */
const legacyRates: ScriptRates = { ...cl100kRates, otherCharsPerToken: 1.6 };

const ratesByEncoding: Readonly<Record<EncodingName, ScriptRates>> = {
  o200k_base: o200kRates,
  cl100k_base: cl100kRates,
  p50k_base: legacyRates,
  r50k_base: legacyRates,
};

type CharClass =
  | "latin"
  | "digit"
  | "space"
  | "newline"
  | "punct"
  | "han"
  | "kana"
  | "hangul"
  | "other"
  | "symbol";

function classOf(codePoint: number): CharClass {
  if (codePoint < 0x80) {
    if ((codePoint >= 0x61 && codePoint <= 0x7a) || (codePoint >= 0x41 && codePoint <= 0x5a)) {
      return "latin";
    }
    if (codePoint >= 0x30 && codePoint <= 0x39) return "digit";
    if (codePoint === 0x0a || codePoint === 0x0d) return "newline";
    if (codePoint === 0x20 || codePoint === 0x09) return "space";
    return "punct";
  }
  // Latin-1 and Latin Extended letters read like Latin words (é, ß, ł).
  if (codePoint >= 0xc0 && codePoint <= 0x24f && codePoint !== 0xd7 && codePoint !== 0xf7) {
    return "latin";
  }
  if (codePoint >= 0x3040 && codePoint <= 0x30ff) return "kana"; // Hiragana, Katakana
  if (codePoint >= 0xac00 && codePoint <= 0xd7af) return "hangul";
  if (
    (codePoint >= 0x3400 && codePoint <= 0x9fff) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x20000 && codePoint <= 0x2fa1f)
  ) {
    return "han";
  }
  if (codePoint >= 0x3000 && codePoint <= 0x303f) return "punct"; // CJK punctuation
  if (codePoint >= 0xff00 && codePoint <= 0xffef) return "punct"; // full-width forms
  if (codePoint >= 0x2000 && codePoint <= 0x2bff) return "symbol"; // dashes, arrows, math
  if (codePoint >= 0x1f000) return "symbol"; // emoji
  return "other";
}

/** Tokens of one run of same-class characters. */
function runTokens(charClass: CharClass, length: number, rates: ScriptRates): number {
  switch (charClass) {
    case "latin":
      return Math.ceil(length / rates.latinCharsPerToken);
    case "digit":
      return Math.ceil(length / rates.digitsPerToken);
    case "space":
      // One space joins the next word; longer runs (indentation) are a token per 16.
      return Math.ceil((length - 1) / 16);
    case "newline":
      return Math.ceil(length / 2);
    case "punct":
      return Math.ceil(length / 2);
    case "han":
      return Math.ceil(length * rates.hanTokensPerChar);
    case "kana":
      return Math.ceil(length * rates.kanaTokensPerChar);
    case "hangul":
      return Math.ceil(length * rates.hangulTokensPerChar);
    case "other":
      return Math.ceil(length / rates.otherCharsPerToken);
    case "symbol":
      return length * 2;
  }
}

/**
 * Counts with no rank table: runs of Latin letters, digits, punctuation, CJK and other scripts,
 * each at its measured characters-per-token rate. Within about ±25% of the real encoding on
 * ordinary text (usually above it), in microseconds and with nothing to load.
 */
export function countByCharacters(text: string, encoding: EncodingName = "o200k_base"): number {
  const rates = ratesByEncoding[encoding] ?? o200kRates;
  let tokens = 0;
  let runClass: CharClass | undefined;
  let runLength = 0;
  for (const char of text) {
    const charClass = classOf(char.codePointAt(0) ?? 0);
    if (charClass === runClass) {
      runLength++;
      continue;
    }
    if (runClass !== undefined) tokens += runTokens(runClass, runLength, rates);
    // A space before a number is a token of its own (numbers never take a leading space).
    if (charClass === "digit" && runClass === "space" && runLength === 1) tokens++;
    runClass = charClass;
    runLength = 1;
  }
  if (runClass !== undefined) tokens += runTokens(runClass, runLength, rates);
  return tokens;
}

const tokenizers = new Map<EncodingName, Tokenizer>();

/**
 * A tokenizer that needs no rank table: characters per token by script (Latin prose, code,
 * CJK, other alphabets), calibrated against the real encodings. For edge bundles, where a
 * table (2–4 MB) is too large; the default there. Its `encoding` says it estimated
 * (`o200k_base~chars`), and the ledger's learned correction factors tighten it for
 * non-OpenAI models as calls settle.
 *
 * @example
 * const ledger = createLedger({ tokenizer: charEstimateTokenizer });
 */
export function charEstimateTokenizer(encoding: EncodingName = "o200k_base"): Tokenizer {
  let tokenizer = tokenizers.get(encoding);
  if (tokenizer === undefined) {
    tokenizer = {
      name: "char-estimate",
      encoding: `${encoding}~chars`,
      count: (text) => countByCharacters(text, encoding),
    };
    tokenizers.set(encoding, tokenizer);
  }
  return tokenizer;
}
