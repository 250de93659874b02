/**
 * A neutral facade over one `ai` major (5, 6 or 7) for the adapter's test suite: the same test
 * runs against each major's own `generateText`/`streamText`/`embedMany`, mock models and
 * `simulateReadableStream`. Not part of the published API.
 */
import type { Ledger } from "@tokenledger/core";
import type { LedgerEmbeddingOptions } from "../ledger-embedding-middleware.js";
import type { LedgerMiddleware } from "../ledger-middleware.js";
import type { LanguageModelLike } from "../model-shapes.js";

/** Token counts a mock reports, turned into each spec's native usage shape. */
export interface NeutralUsage {
  /** All input tokens, cached ones included. */
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
  /**
   * Report it the way Anthropic's provider does: on spec v2 `inputTokens` excludes cache reads
   * and writes and the cache write sits in `providerMetadata.anthropic.cacheCreationInputTokens`.
   */
  anthropic?: boolean;
}

/** What a mock model saw of one call. */
export interface MockCallInfo {
  index: number;
  providerOptions: unknown;
  maxOutputTokens: number | undefined;
  abortSignal: AbortSignal | undefined;
}

/** One mock `doGenerate` answer. Throw from the spec's `generate` to fail the call. */
export interface MockGenerateOutcome {
  text?: string;
  toolCall?: { toolName: string; input: string };
  /** `undefined`: the provider reported no counts. */
  usage?: NeutralUsage;
  responseModelId?: string;
  providerMetadata?: Record<string, Record<string, string | number>>;
}

/** One mock `doStream` answer. */
export interface MockStreamOutcome {
  textDeltas: string[];
  reasoningDeltas?: string[];
  usage?: NeutralUsage;
  /** Send the `finish` part. @default true */
  finish?: boolean;
  responseModelId?: string;
  /**
   * Behave like `fetch`: after this many text deltas, stall until `params.abortSignal` fires,
   * then error the stream with `DOMException("aborted", "AbortError")`.
   */
  stallAfterTextDeltas?: number;
  /** Error the stream with this after the deltas (no `finish`). */
  errorAfterDeltas?: Error;
}

/** How a mock language model answers. */
export interface MockLanguageSpec {
  provider: string;
  modelId: string;
  generate?: (call: MockCallInfo) => MockGenerateOutcome | Promise<MockGenerateOutcome>;
  stream?: (call: MockCallInfo) => MockStreamOutcome | Promise<MockStreamOutcome>;
}

/** A mock language model of the major's own mock class, with the calls it received. */
export interface MockLanguageModel {
  readonly model: LanguageModelLike;
  readonly generateCalls: MockCallInfo[];
  readonly streamCalls: MockCallInfo[];
}

/** How a mock embedding model answers. */
export interface MockEmbeddingSpec {
  provider: string;
  modelId: string;
  maxEmbeddingsPerCall: number;
  /** Tokens reported per value; `undefined` reports no usage. */
  tokensPerValue: number | undefined;
}

/** A mock embedding model with the value batches it received. */
export interface MockEmbeddingModel {
  readonly calls: { values: readonly string[]; providerOptions: unknown }[];
}

/** A generate or stream request through `wrapLanguageModel`. */
export interface CallRequest {
  model: MockLanguageModel;
  middleware: LedgerMiddleware;
  prompt: string;
  maxOutputTokens?: number;
  providerOptions?: Record<string, Record<string, string>>;
  maxRetries?: number;
  /** Add a `weather` tool and allow up to 3 steps. */
  withTool?: boolean;
  /** The caller's signal (generate only; streams abort with `abortAfterTextDeltas`). */
  abortSignal?: AbortSignal;
}

/** A stream request; `abortAfterTextDeltas` aborts the caller's signal after that many deltas. */
export interface StreamRequest extends CallRequest {
  abortAfterTextDeltas?: number;
}

/** What the caller of `streamText` saw. */
export interface StreamOutcome {
  text: string;
  partTypes: string[];
  /** Errors reported through `onError` (and a thrown `fullStream`, if any). */
  errors: unknown[];
  /** The result's `providerMetadata`, read when the stream reached `finish`. */
  providerMetadata?: unknown;
}

/** What the caller of `generateText` saw. */
export interface GenerateOutcome {
  text: string;
  steps: number;
  /** The result's `providerMetadata` (its last step's). */
  providerMetadata: unknown;
  /** Each step's `providerMetadata`, in order. */
  stepProviderMetadata: unknown[];
}

/** An embedding request (ai 5 through `withLedgerEmbeddings`, ai 6/7 through `wrapEmbeddingModel`). */
export interface EmbedRequest {
  model: MockEmbeddingModel;
  ledger: Ledger;
  options?: LedgerEmbeddingOptions;
  values: string[];
  providerOptions?: Record<string, Record<string, string>>;
}

/** One `ai` major as the tests drive it. */
export interface AiMajor {
  readonly name: "ai@5" | "ai@6" | "ai@7";
  /** The spec version the middleware sees (ai@7 converts every model to v4). */
  readonly spec: "v2" | "v3" | "v4";
  languageModel(spec: MockLanguageSpec): MockLanguageModel;
  embeddingModel(spec: MockEmbeddingSpec): MockEmbeddingModel;
  /** A retryable `APICallError` (HTTP 529) that asks for an immediate retry. */
  retryableError(): Error;
  generateText(request: CallRequest): Promise<GenerateOutcome>;
  streamText(request: StreamRequest): Promise<StreamOutcome>;
  embed(request: EmbedRequest): Promise<{ tokens: number }>;
  embedMany(request: EmbedRequest): Promise<{ tokens: number }>;
}
