import type { Ledger, LedgerContext } from "@tokenledger/core";
import { callContextOf, resolveCallContext } from "./call-context.js";
import { assertCountableModel, assertFallbackSpec } from "./check-spec-compatibility.js";
import {
  type LedgerMiddlewareOptions,
  resolveMiddlewareOptions,
} from "./ledger-middleware-options.js";
import type {
  CallOptionsLike,
  LanguageModelLike,
  ModelIdentity,
  StreamResultLike,
} from "./model-shapes.js";
import { runGenerate } from "./run-generate.js";
import { runStream } from "./run-stream.js";

/**
 * The middleware object, typed structurally so that `wrapLanguageModel` of `ai` 5, 6 and 7
 * accepts it without casts: it carries `specificationVersion: "v3"` (required by ai@6, accepted
 * by ai@7, ignored by ai@5) and generic callbacks that take on each major's own types.
 */
export interface LedgerMiddleware {
  readonly specificationVersion: "v3";
  readonly middlewareVersion: "v2";
  /** Merges the call's context and strips `providerOptions.tokenledger` before the provider sees it. */
  transformParams: <Params extends CallOptionsLike>(options: {
    type: "generate" | "stream";
    params: Params;
    model: ModelIdentity;
  }) => Promise<Params>;
  /** Reserve → generate → settle (or release). */
  wrapGenerate: <Result>(options: {
    doGenerate: () => PromiseLike<Result>;
    params: CallOptionsLike;
    model: LanguageModelLike;
  }) => Promise<Result>;
  /** Reserve → stream → settle at `finish`, or from the deltas if the stream is cut. */
  wrapStream: <Result extends StreamResultLike>(options: {
    doStream: () => PromiseLike<Result>;
    params: CallOptionsLike;
    model: LanguageModelLike;
  }) => Promise<Result>;
}

/**
 * AI SDK middleware that counts, prices and budgets every model call:
 * `wrapLanguageModel({ model, middleware: ledgerMiddleware(ledger) })`.
 *
 * Each `doGenerate`/`doStream` is one billable unit (every tool-loop step and every retry).
 * Before it, the worst case is held in every matching budget — a denial throws
 * `BudgetExceededError` and the provider is never called. After it, the hold is settled with the
 * reported usage (normalized by core), or from the streamed deltas as an estimated record if the
 * stream was aborted, cut or errored; a call that failed before any tokens were billed is
 * released.
 *
 * @throws InvalidConfigError for invalid options (at once) and, per call, for a model whose
 * usage the calling `ai` major cannot report (a spec-v2 model under ai@6).
 */
export function ledgerMiddleware(
  ledger: Ledger,
  options?: LedgerMiddlewareOptions,
): LedgerMiddleware {
  const resolved = resolveMiddlewareOptions(options);
  // Fixed for the middleware's life: built once, not per call.
  const contextSources = { ledger, ...resolved, carrier: Symbol("tokenledger.context") };
  const contextOf = (params: CallOptionsLike): LedgerContext =>
    callContextOf(params, contextSources);

  return {
    specificationVersion: "v3",
    middlewareVersion: "v2",
    transformParams: async ({ params, model }) => {
      assertCountableModel(model, params.headers);
      for (const fallback of resolved.fallbacks) assertFallbackSpec(model, fallback.model);
      return resolveCallContext(params, contextSources).params;
    },
    wrapGenerate: ({ doGenerate, params, model }) =>
      runGenerate({
        ledger,
        model,
        params,
        context: contextOf(params),
        fallbacks: resolved.fallbacks,
        doGenerate,
        capAtHold: resolved.capAtHold,
        shrinkToFit: resolved.shrinkToFit,
        waitUntil: resolved.waitUntil,
      }),
    wrapStream: ({ doStream, params, model }) =>
      runStream({
        ledger,
        model,
        params,
        context: contextOf(params),
        fallbacks: resolved.fallbacks,
        doStream,
        maxOutputUsd: resolved.maxOutputUsd,
        capAtHold: resolved.capAtHold,
        shrinkToFit: resolved.shrinkToFit,
        stopStreamAtHold: resolved.stopStreamAtHold,
        waitUntil: resolved.waitUntil,
      }),
  };
}
