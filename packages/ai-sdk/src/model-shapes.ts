/**
 * Structural shapes of the AI SDK values this package reads. They are deliberately loose:
 * every major (`ai` 5, 6 and 7, model specs v2, v3 and v4) must be assignable to them, so the
 * package never imports a single `@ai-sdk/provider` major's types.
 */

/** The fields of a language or embedding model the middleware reads. */
export interface ModelIdentity {
  /** `v2` (ai 5), `v3` (ai 6) or `v4` (ai 7). */
  readonly specificationVersion: string;
  /** As the provider package names it: `openai.responses`, `anthropic.messages`, `gateway`, … */
  readonly provider: string;
  readonly modelId: string;
}

/**
 * A language model of any spec version, to route a call to (`fallbackModel`). Any model from an
 * AI SDK provider package (`openai("gpt-4o-mini")`) or a mock fits.
 */
export interface LanguageModelLike extends ModelIdentity {
  // Method syntax on purpose: parameters are checked bivariantly, so models of every spec
  // version (whose call options differ) are accepted.
  doGenerate(options: CallOptionsLike): PromiseLike<unknown>;
  doStream(options: CallOptionsLike): PromiseLike<unknown>;
}

/** The call-option fields the middleware reads or rewrites (the same in specs v2, v3, v4). */
export interface CallOptionsLike {
  /** The prompt in the SDK's standardized message format. */
  readonly prompt?: unknown;
  readonly tools?: unknown;
  readonly maxOutputTokens?: number | undefined;
  readonly providerOptions?: Readonly<Record<string, unknown>> | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
}

/** The call-option fields of an embedding call the middleware reads or rewrites. */
export interface EmbeddingCallOptionsLike {
  readonly values: readonly unknown[];
  readonly providerOptions?: Readonly<Record<string, unknown>> | undefined;
  readonly abortSignal?: AbortSignal | undefined;
  readonly headers?: Readonly<Record<string, string | undefined>> | undefined;
}

/** What `wrapStream` hands back: the stream plus request/response facts, passed through. */
export interface StreamResultLike {
  readonly stream: ReadableStream<unknown>;
}
