/**
 * A BPE encoding supported by the built-in tokenizers. `o200k_base` covers gpt-4o, 4.1, 4.5,
 * gpt-5 and the o-series; `cl100k_base` covers gpt-4, gpt-3.5 and the embedding models.
 */
export type EncodingName = "o200k_base" | "cl100k_base" | "p50k_base" | "r50k_base";

/** Every {@link EncodingName}, in order of preference. */
export const ENCODING_NAMES: readonly EncodingName[] = [
  "o200k_base",
  "cl100k_base",
  "p50k_base",
  "r50k_base",
];

/**
 * Counts tokens of plain text with one encoding. Loaded once (asynchronously), then
 * synchronous. Special-token text such as `<|endoftext|>` is counted as ordinary text, never
 * thrown on: user input is data, not control tokens.
 */
export interface Tokenizer {
  /** Library that does the counting, e.g. `gpt-tokenizer`, `js-tiktoken`. */
  readonly name: string;
  /** Encoding it counts with, e.g. `o200k_base`. */
  readonly encoding: string;
  /** Number of tokens in `text`. */
  count(text: string): number;
}

/**
 * Loads (once, then from memory) the tokenizer for an encoding. `gptTokenizer` (the default)
 * and `jsTiktokenTokenizer` from `@tokenledger/core/tokenizers/js-tiktoken` are loaders.
 */
export type TokenizerLoader = (encoding: EncodingName) => Tokenizer | Promise<Tokenizer>;

/** True when `value` is one of the supported {@link EncodingName}s. */
export function isEncodingName(value: unknown): value is EncodingName {
  return typeof value === "string" && (ENCODING_NAMES as readonly string[]).includes(value);
}
