import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { createPieceCounter } from "./piece-counter.js";
import { ENCODING_NAMES, type EncodingName, isEncodingName, type Tokenizer } from "./tokenizer.js";

/** The part of a gpt-tokenizer encoding module this file uses. */
interface GptTokenizerEncodingModule {
  countTokens(
    text: string,
    options: { allowedSpecial: Set<string>; disallowedSpecial: Set<string> },
  ): number;
}

/**
 * One literal `import()` per encoding so bundlers can split each rank table into its own chunk
 * and nothing is loaded before the first count. Each rank table costs 100–200 ms to load.
 */
const importers: Record<EncodingName, () => Promise<GptTokenizerEncodingModule>> = {
  o200k_base: () => import("gpt-tokenizer/encoding/o200k_base"),
  cl100k_base: () => import("gpt-tokenizer/encoding/cl100k_base"),
  p50k_base: () => import("gpt-tokenizer/encoding/p50k_base"),
  r50k_base: () => import("gpt-tokenizer/encoding/r50k_base"),
};

const loading = new Map<EncodingName, Promise<Tokenizer>>();
const loaded = new Map<EncodingName, Tokenizer>();

/**
 * Empty allow and disallow sets: special-token text is encoded as ordinary text instead of
 * throwing `Disallowed special token found` (gpt-tokenizer's default).
 */
const plainText = { allowedSpecial: new Set<string>(), disallowedSpecial: new Set<string>() };

/**
 * The default tokenizer: gpt-tokenizer (pure JS, token-for-token identical to tiktoken).
 * The encoding's rank table is imported on the first call and shared by every later call.
 *
 * @example
 * const tokenizer = await gptTokenizer("o200k_base");
 * tokenizer.count("Hello world"); // 2
 */
export function gptTokenizer(encoding: EncodingName = "o200k_base"): Promise<Tokenizer> {
  const pending = loading.get(encoding);
  if (pending !== undefined) return pending;
  if (!isEncodingName(encoding)) {
    return Promise.reject(
      new InvalidConfigError({
        message: `Unknown encoding "${String(encoding)}". Use one of: ${ENCODING_NAMES.join(", ")}.`,
      }),
    );
  }
  const promise = importers[encoding]().then((module): Tokenizer => {
    const countWhole = (text: string): number => module.countTokens(text, plainText);
    const tokenizer: Tokenizer = {
      name: "gpt-tokenizer",
      encoding,
      count: createPieceCounter(encoding, countWhole) ?? countWhole,
    };
    loaded.set(encoding, tokenizer);
    return tokenizer;
  });
  // A failed import (package missing) may be retried later instead of failing forever.
  promise.catch(() => loading.delete(encoding));
  loading.set(encoding, promise);
  return promise;
}

/** The default tokenizer for `encoding` if it is already loaded (no await on the hot path). */
export function loadedGptTokenizer(encoding: EncodingName): Tokenizer | undefined {
  return loaded.get(encoding);
}

/** Encodings whose rank tables the default tokenizer has loaded in this process. */
export function loadedEncodings(): EncodingName[] {
  return [...loaded.keys()];
}
