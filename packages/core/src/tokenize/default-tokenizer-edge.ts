import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { charEstimateTokenizer } from "./char-estimate-tokenizer.js";
import type { EncodingName, Tokenizer } from "./tokenizer.js";

/**
 * The tokenizer estimates count with when none is given, in edge and browser builds: the
 * table-free {@link charEstimateTokenizer}, so no rank table (1–3 MB gzipped each) is bundled.
 */
export function defaultTokenizer(encoding: EncodingName): Tokenizer {
  return charEstimateTokenizer(encoding);
}

/**
 * In edge and browser builds the main entry's `gptTokenizer` reaches no rank table (a bundler
 * that splits chunks would emit every table even if unused). Exact counts there come from the
 * subpath, whose tables load as separate chunks on first use.
 */
export function gptTokenizer(_encoding?: EncodingName): Promise<Tokenizer> {
  return Promise.reject(
    new InvalidConfigError({
      message:
        'gptTokenizer from "@tokenledger/core" loads no rank table in edge and browser builds. ' +
        'Import it from "@tokenledger/core/tokenizers/gpt-tokenizer" instead, or use charEstimateTokenizer (the default there).',
    }),
  );
}

/** No table loads through the main entry in edge and browser builds. */
export function loadedEncodings(): EncodingName[] {
  return [];
}
