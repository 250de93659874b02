import { countTextTokens } from "./count-text-tokens.js";
import type { Tokenizer } from "./tokenizer.js";
import type { TokenizerFamily } from "./tokenizer-family.js";

/** Everything the message, content and tool walkers need. */
export interface TallyContext {
  tokenizer: Tokenizer;
  family: TokenizerFamily;
  model: string | undefined;
  /** Tokens of a non-image, non-text file (PDF, audio) whose size we cannot judge. */
  fileTokens: number;
}

/** Running totals of one estimate. */
export interface Tally {
  /** Counted by the tokenizer (text, message overhead, tools): scaled by the correction factor. */
  textTokens: number;
  /** Computed by provider rules (images, files, fixed prompts): never scaled. */
  fixedTokens: number;
}

/** Adds the tokens of `text` (cached count) to the tally. */
export function addText(tally: Tally, text: string, context: TallyContext): void {
  if (text.length > 0) tally.textTokens += countTextTokens(text, context.tokenizer);
}
