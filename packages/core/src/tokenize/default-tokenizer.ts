import { gptTokenizer, loadedGptTokenizer } from "./gpt-tokenizer.js";
import type { EncodingName, Tokenizer } from "./tokenizer.js";

export { gptTokenizer, loadedEncodings } from "./gpt-tokenizer.js";

/**
 * The tokenizer estimates count with when none is given, on Node, Bun and Deno: gpt-tokenizer
 * (exact), its rank table imported on first use (synchronous once loaded). Reached through the
 * package import `#default-tokenizer`; edge and browser builds (`workerd`, `edge-light`,
 * `worker`, `browser` conditions) get `default-tokenizer-edge.ts` instead, which reaches no
 * table, so none is bundled.
 */
export function defaultTokenizer(encoding: EncodingName): Tokenizer | Promise<Tokenizer> {
  return loadedGptTokenizer(encoding) ?? gptTokenizer(encoding);
}
