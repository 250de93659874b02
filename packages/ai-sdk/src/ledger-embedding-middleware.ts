import { InvalidConfigError, type Ledger, type LedgerContext } from "@tokenledger/core";
import { callContextOf, resolveCallContext } from "./call-context.js";
import type { EmbeddingCallOptionsLike, ModelIdentity } from "./model-shapes.js";
import { runEmbed } from "./run-embed.js";

/** Options of {@link ledgerEmbeddingMiddleware} and {@link withLedgerEmbeddings}. */
export interface LedgerEmbeddingOptions {
  /** Context of every call (`{ feature: "search" }`) or a function computing it per call. */
  context?: LedgerContext | (() => LedgerContext);
  /** The `providerOptions` key that carries per-call context. @default "tokenledger" */
  providerOptionsKey?: string;
}

/** Embedding middleware accepted by `wrapEmbeddingModel` of ai 6 and 7 without casts. */
export interface LedgerEmbeddingMiddleware {
  readonly specificationVersion: "v3";
  /** Merges the call's context and strips `providerOptions.tokenledger`. */
  transformParams: <Params extends EmbeddingCallOptionsLike>(options: {
    params: Params;
    model: ModelIdentity;
  }) => Promise<Params>;
  /** Reserve → embed → settle (or release). */
  wrapEmbed: <Result>(options: {
    doEmbed: () => PromiseLike<Result>;
    params: EmbeddingCallOptionsLike;
    model: ModelIdentity;
  }) => Promise<Result>;
}

/**
 * Counts, prices and budgets embedding calls (kind `embedding`, counted apart in totals):
 * `wrapEmbeddingModel({ model, middleware: ledgerEmbeddingMiddleware(ledger) })` on ai 6 and 7.
 * Each `doEmbed` is one billable unit (`embedMany` splits values into several). For ai 5, which
 * has no `wrapEmbeddingModel`, use {@link withLedgerEmbeddings}.
 */
export function ledgerEmbeddingMiddleware(
  ledger: Ledger,
  options?: LedgerEmbeddingOptions,
): LedgerEmbeddingMiddleware {
  const sources = embeddingContextSources(ledger, options);
  return {
    specificationVersion: "v3",
    transformParams: async ({ params }) => {
      return resolveCallContext(params, sources).params;
    },
    wrapEmbed: ({ doEmbed, params, model }) =>
      runEmbed({
        ledger,
        model,
        params,
        context: callContextOf(params, sources),
        doEmbed,
      }),
  };
}

/** Validated context sources of the embedding adapters. */
export function embeddingContextSources(
  ledger: Ledger,
  options: LedgerEmbeddingOptions | undefined,
): Parameters<typeof resolveCallContext>[1] {
  const { context, providerOptionsKey = "tokenledger" } = options ?? {};
  if (
    context !== undefined &&
    typeof context !== "function" &&
    (typeof context !== "object" || context === null || Array.isArray(context))
  ) {
    throw new InvalidConfigError({
      message: `ledgerEmbeddingMiddleware: context must be an object like { feature: "search" } or a function returning one.`,
    });
  }
  if (typeof providerOptionsKey !== "string" || providerOptionsKey.length === 0) {
    throw new InvalidConfigError({
      message: `ledgerEmbeddingMiddleware: providerOptionsKey must be a non-empty string (default "tokenledger").`,
    });
  }
  return { ledger, context, providerOptionsKey, carrier: Symbol("tokenledger.context") };
}
