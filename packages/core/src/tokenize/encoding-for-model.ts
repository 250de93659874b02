import type { EncodingName } from "./tokenizer.js";
import { tokenizerFamily } from "./tokenizer-family.js";

/** OpenAI models on `cl100k_base`: gpt-4 (not 4o/4.1/4.5), gpt-3.5, text-embedding-3, ada-002. */
const cl100kModels =
  /(?:^|[^a-z0-9])(?:gpt-4(?:$|-(?!o))|gpt-3\.5|gpt-35|text-embedding-3|text-embedding-ada-002|davinci-002|babbage-002)/;

/** Legacy completion models on `p50k_base`. */
const p50kModels = /text-davinci-00[23]|code-davinci|code-cushman/;

/**
 * The encoding to count a model's text with. OpenAI models get their own encoding
 * (`o200k_base` for gpt-4o, 4.1, 4.5, gpt-5, o1/o3/o4 and chatgpt-4o; `cl100k_base` for
 * gpt-4, gpt-3.5, text-embedding-3 and ada-002). Every other model gets `o200k_base`, the
 * nearest modern vocabulary, and is scaled by its family's correction factor.
 *
 * @example
 * encodingForModel("gpt-4o-mini");              // "o200k_base"
 * encodingForModel("openai/gpt-4-0613");        // "cl100k_base"
 * encodingForModel("claude-sonnet-4-5");        // "o200k_base"
 */
export function encodingForModel(model?: string, provider?: string): EncodingName {
  if (tokenizerFamily(model, provider) !== "openai" || model === undefined) return "o200k_base";
  const id = model.toLowerCase();
  if (cl100kModels.test(id)) return "cl100k_base";
  if (p50kModels.test(id)) return "p50k_base";
  return "o200k_base";
}
