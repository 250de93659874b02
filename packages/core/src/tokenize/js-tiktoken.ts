import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { ENCODING_NAMES, type EncodingName, isEncodingName, type Tokenizer } from "./tokenizer.js";

/** The part of js-tiktoken's `Tiktoken` this file uses. */
interface TiktokenLike {
  encode(text: string, allowedSpecial: string[], disallowedSpecial: string[]): number[];
}

type RankModule = { default: unknown };

const rankImporters: Record<EncodingName, () => Promise<RankModule>> = {
  o200k_base: () => import("js-tiktoken/ranks/o200k_base"),
  cl100k_base: () => import("js-tiktoken/ranks/cl100k_base"),
  p50k_base: () => import("js-tiktoken/ranks/p50k_base"),
  r50k_base: () => import("js-tiktoken/ranks/r50k_base"),
};

const loading = new Map<EncodingName, Promise<Tokenizer>>();

async function load(encoding: EncodingName): Promise<Tokenizer> {
  const [{ Tiktoken }, ranks] = await Promise.all([
    import("js-tiktoken/lite"),
    rankImporters[encoding](),
  ]);
  const tiktoken: TiktokenLike = new Tiktoken(
    ranks.default as ConstructorParameters<typeof Tiktoken>[0],
  );
  return {
    name: "js-tiktoken",
    encoding,
    // Empty allow/disallow lists: special-token text is ordinary text, never a throw.
    count: (text) => tiktoken.encode(text, [], []).length,
  };
}

/**
 * A tokenizer backed by js-tiktoken (optional peer dependency), for apps that already ship
 * it. Same counts as the default gpt-tokenizer, but 11–20× slower and about 3× slower to
 * start (see docs/decisions/0002-default-tokenizer.md). Pass it as `tokenizer` to
 * `estimateTokens` or to the ledger.
 *
 * @example
 * import { jsTiktokenTokenizer } from "@tokenledger/core/tokenizers/js-tiktoken";
 * await estimateTokens(messages, { model: "gpt-4o", tokenizer: jsTiktokenTokenizer });
 */
export function jsTiktokenTokenizer(encoding: EncodingName = "o200k_base"): Promise<Tokenizer> {
  const pending = loading.get(encoding);
  if (pending !== undefined) return pending;
  if (!isEncodingName(encoding)) {
    return Promise.reject(
      new InvalidConfigError({
        message: `Unknown encoding "${String(encoding)}". Use one of: ${ENCODING_NAMES.join(", ")}.`,
      }),
    );
  }
  const promise = load(encoding);
  promise.catch(() => loading.delete(encoding));
  loading.set(encoding, promise);
  return promise;
}
