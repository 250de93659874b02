import { defaultTokenizer } from "#default-tokenizer";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { type CorrectionFactors, DEFAULT_CORRECTION_FACTORS } from "./correction-factors.js";
import { isRecord } from "./count-content.js";
import { addMessages } from "./count-messages.js";
import { countUncached } from "./count-text-tokens.js";
import { addTools } from "./count-tools.js";
import { encodingForModel } from "./encoding-for-model.js";
import { addText, type Tally, type TallyContext } from "./tally.js";
import type { EncodingName, Tokenizer, TokenizerLoader } from "./tokenizer.js";
import { type TokenizerFamily, tokenizerFamily } from "./tokenizer-family.js";

/** What to estimate: plain text, or a request's prompt, messages and tool definitions. */
export type EstimateInput =
  | string
  | {
      /** Plain text, counted as is (no chat overhead). */
      prompt?: string | undefined;
      /** Chat messages: OpenAI-style, AI SDK prompt, or LangChain messages. */
      messages?: readonly unknown[] | undefined;
      /** Tool definitions: an array, or a record keyed by tool name. */
      tools?: readonly unknown[] | Readonly<Record<string, unknown>> | undefined;
    };

/** Options of {@link estimateTokens} and {@link estimateOutputTokens}. */
export interface EstimateTokensOptions {
  /** Model id as the framework names it (`gpt-4o`, `anthropic/claude-sonnet-4-5`). */
  model?: string | undefined;
  /** Provider name (`openai.chat`, `anthropic.messages`, an `ls_provider`): a fallback hint. */
  provider?: string | undefined;
  /**
   * A loaded tokenizer, or a loader such as `jsTiktokenTokenizer` or `charEstimateTokenizer`.
   * Default: gpt-tokenizer; in edge and browser builds, `charEstimateTokenizer` (no table).
   */
  tokenizer?: Tokenizer | TokenizerLoader | undefined;
  /** Learned factors (the ledger's). Default: {@link DEFAULT_CORRECTION_FACTORS}, not learned. */
  correctionFactors?: CorrectionFactors | undefined;
  /** Tokens of a non-image file (PDF, audio) in the prompt. Default 1,500 (rough: one PDF page). */
  fileTokens?: number | undefined;
}

/** Fields shared by input and output estimates. */
export interface TokenCountBasis {
  /** Encoding the text was counted with. */
  encoding: string;
  /** Whose tokenizer the model uses; the key of its correction factor. */
  family: TokenizerFamily;
  /** True when the count was scaled by a correction factor (any family but `openai`). */
  corrected: boolean;
  /** The factor applied (1 when not corrected). */
  correctionFactor: number;
  /** Tokenizer count before correction: text, message overhead and tools. */
  textTokens: number;
}

/** A pre-call estimate of input tokens. */
export interface TokenEstimate extends TokenCountBasis {
  /** `ceil(textTokens × correctionFactor) + fixedTokens`: what to reserve. */
  inputTokens: number;
  /** Tokens from provider rules, never corrected: images, files, fixed tool prompts. */
  fixedTokens: number;
}

/** An estimate of output tokens from generated text (e.g. streamed deltas of an aborted call). */
export interface OutputTokenEstimate extends TokenCountBasis {
  /** `ceil(textTokens × correctionFactor)`. */
  outputTokens: number;
}

/** Default tokens of a non-image file whose content cannot be judged. */
export const DEFAULT_FILE_TOKENS = 1500;

function isTokenizer(value: unknown): value is Tokenizer {
  return isRecord(value) && typeof value.count === "function" && typeof value.encoding === "string";
}

function invalidTokenizer(): InvalidConfigError {
  return new InvalidConfigError({
    message:
      "tokenizer must be a Tokenizer ({ name, encoding, count(text) }) or a loader (encoding) => Tokenizer, such as jsTiktokenTokenizer.",
  });
}

/** The tokenizer to count with: synchronously when already loaded (the hot path). */
function resolveTokenizer(
  option: EstimateTokensOptions["tokenizer"],
  encoding: EncodingName,
): Tokenizer | Promise<Tokenizer> {
  if (option === undefined) return defaultTokenizer(encoding);
  if (typeof option !== "function") {
    if (!isTokenizer(option)) throw invalidTokenizer();
    return option;
  }
  const loaded = option(encoding);
  if (isTokenizer(loaded)) return loaded;
  return Promise.resolve(loaded).then((tokenizer) => {
    if (!isTokenizer(tokenizer)) throw invalidTokenizer();
    return tokenizer;
  });
}

/** Family and encoding per model/provider pair, memoized (a few regex tests each). */
const resolvedModels = new Map<string, { family: TokenizerFamily; encoding: EncodingName }>();

function resolveModel(options: EstimateTokensOptions): {
  family: TokenizerFamily;
  encoding: EncodingName;
} {
  const key = `${options.model ?? ""}\u0000${options.provider ?? ""}`;
  let resolved = resolvedModels.get(key);
  if (resolved === undefined) {
    if (resolvedModels.size >= 1024) resolvedModels.clear();
    resolved = {
      family: tokenizerFamily(options.model, options.provider),
      encoding: encodingForModel(options.model, options.provider),
    };
    resolvedModels.set(key, resolved);
  }
  return resolved;
}

interface Prepared {
  context: TallyContext;
  corrected: boolean;
  /** Read on each count (see {@link factorOf}): learned factors change. */
  correctionFactors: CorrectionFactors | undefined;
}

function prepareWith(
  options: EstimateTokensOptions,
  tokenizer: Tokenizer,
  family: TokenizerFamily,
): Prepared {
  const fileTokens = options.fileTokens ?? DEFAULT_FILE_TOKENS;
  if (!Number.isInteger(fileTokens) || fileTokens < 0) {
    throw new InvalidConfigError({
      message: `fileTokens must be an integer ≥ 0, got ${String(fileTokens)}.`,
    });
  }
  return {
    context: { tokenizer, family, model: options.model, fileTokens },
    corrected: family !== "openai",
    correctionFactors: options.correctionFactors,
  };
}

/** Resolves model, family and tokenizer; awaits only when the tokenizer still has to load. */
function prepare(options: EstimateTokensOptions): Prepared | Promise<Prepared> {
  const { family, encoding } = resolveModel(options);
  const tokenizer = resolveTokenizer(options.tokenizer, encoding);
  return tokenizer instanceof Promise
    ? tokenizer.then((loaded) => prepareWith(options, loaded, family))
    : prepareWith(options, tokenizer, family);
}

/** The correction factor now: 1 for OpenAI models, else the learned or default factor. */
function factorOf({ corrected, correctionFactors, context }: Prepared): number {
  if (!corrected) return 1;
  return correctionFactors?.factor(context.family) ?? DEFAULT_CORRECTION_FACTORS[context.family];
}

/** `ceil(tokens × factor)`, ignoring float noise such as 100 × 1.1 = 110.00000000000001. */
function applyFactor(tokens: number, factor: number): number {
  return Math.ceil(Math.round(tokens * factor * 1e6) / 1e6);
}

function invalidInput(field: string, value: unknown, expected: string): InvalidUsageError {
  return new InvalidUsageError({
    field,
    value,
    message: `estimateTokens: ${field} must be ${expected}, got ${value === null ? "null" : typeof value}.`,
  });
}

function tallyInput(input: EstimateInput, context: TallyContext): Tally {
  const tally: Tally = { textTokens: 0, fixedTokens: 0 };
  if (typeof input === "string") {
    addText(tally, input, context);
    return tally;
  }
  if (!isRecord(input)) {
    throw invalidInput("input", input, "a string or { prompt?, messages?, tools? }");
  }
  const { prompt, messages, tools } = input;
  if (prompt !== undefined) {
    if (typeof prompt !== "string") throw invalidInput("prompt", prompt, "a string");
    addText(tally, prompt, context);
  }
  if (messages !== undefined) {
    if (!Array.isArray(messages)) throw invalidInput("messages", messages, "an array");
    addMessages(tally, messages, context);
  }
  if (tools !== undefined) {
    if (!isRecord(tools) && !Array.isArray(tools)) {
      throw invalidInput("tools", tools, "an array or a record of tool definitions");
    }
    addTools(tally, tools, context);
  }
  return tally;
}

/**
 * Estimates the input tokens of a call before it is made: the model's own encoding for
 * OpenAI models (exact for text), `o200k_base` × the family's correction factor for others;
 * chat overhead per message, tool definitions and images by the provider's rules. Repeated
 * text is counted once (cached); the tokenizer loads on first use.
 *
 * @example
 * const estimate = await estimateTokens(
 *   { messages: [{ role: "user", content: "Hello world" }] },
 *   { model: "gpt-4o" },
 * );
 * estimate.inputTokens; // 3 + 1 ("user") + 2 ("Hello world") + 3 = 9
 */
export async function estimateTokens(
  input: EstimateInput,
  options: EstimateTokensOptions = {},
): Promise<TokenEstimate> {
  const prepared = prepare(options);
  return estimateWith(prepared instanceof Promise ? await prepared : prepared, input);
}

/** Counts a call's input synchronously, with a tokenizer that is already loaded. */
export type InputEstimator = (input: EstimateInput) => TokenEstimate;

/**
 * {@link estimateTokens} in two steps: load the model's tokenizer now (a promise only while it
 * is still loading), count later without awaiting. The estimator can be kept and reused for
 * the same options (it reads learned correction factors on each count); the ledger keeps one
 * per model and counts a prompt only when something reads the count.
 */
export function inputEstimator(
  options: EstimateTokensOptions = {},
): InputEstimator | Promise<InputEstimator> {
  const prepared = prepare(options);
  const estimatorOf =
    (ready: Prepared): InputEstimator =>
    (input) =>
      estimateWith(ready, input);
  return prepared instanceof Promise ? prepared.then(estimatorOf) : estimatorOf(prepared);
}

function estimateWith(prepared: Prepared, input: EstimateInput): TokenEstimate {
  const { context, corrected } = prepared;
  const tally = tallyInput(input, context);
  const factor = factorOf(prepared);
  return {
    inputTokens: applyFactor(tally.textTokens, factor) + tally.fixedTokens,
    encoding: context.tokenizer.encoding,
    family: context.family,
    corrected,
    correctionFactor: factor,
    textTokens: tally.textTokens,
    fixedTokens: tally.fixedTokens,
  };
}

/**
 * Estimates output tokens from generated text, e.g. the deltas of a stream that was aborted
 * before the provider reported usage. Not cached: output text is seen once.
 */
export async function estimateOutputTokens(
  text: string,
  options: EstimateTokensOptions = {},
): Promise<OutputTokenEstimate> {
  if (typeof text !== "string") throw invalidInput("text", text, "a string");
  const pending = prepare(options);
  const prepared = pending instanceof Promise ? await pending : pending;
  const { context, corrected } = prepared;
  const factor = factorOf(prepared);
  const textTokens = countUncached(text, context.tokenizer);
  return {
    outputTokens: applyFactor(textTokens, factor),
    encoding: context.tokenizer.encoding,
    family: context.family,
    corrected,
    correctionFactor: factor,
    textTokens,
  };
}
