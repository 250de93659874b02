import type { Ledger } from "@tokenledger/core";
import { resolveCallContext } from "./call-context.js";
import {
  embeddingContextSources,
  type LedgerEmbeddingOptions,
} from "./ledger-embedding-middleware.js";
import type { EmbeddingCallOptionsLike, ModelIdentity } from "./model-shapes.js";
import { runEmbed } from "./run-embed.js";

/** An embedding model of any spec version (`doEmbed` is called with the SDK's own options). */
export interface EmbeddingModelLike extends ModelIdentity {
  // Method syntax: parameters are checked bivariantly, so every spec version's options fit.
  doEmbed(options: EmbeddingCallOptionsLike): PromiseLike<unknown>;
}

/**
 * Wraps an embedding model so every `doEmbed` is counted, priced and budgeted, for ai 5 (which
 * has no `wrapEmbeddingModel`); it works on ai 6 and 7 too. Returns a model of the same type
 * that delegates everything else to `model`:
 *
 * ```ts
 * const embedder = withLedgerEmbeddings(openai.embedding("text-embedding-3-small"), ledger);
 * await embedMany({ model: embedder, values });
 * ```
 */
export function withLedgerEmbeddings<Model extends EmbeddingModelLike>(
  model: Model,
  ledger: Ledger,
  options?: LedgerEmbeddingOptions,
): Model {
  const sources = embeddingContextSources(ledger, options);
  const doEmbed = async (params: EmbeddingCallOptionsLike): Promise<unknown> => {
    const call = resolveCallContext(params, sources);
    return runEmbed({
      ledger,
      model,
      params: call.params,
      context: call.context,
      doEmbed: () => model.doEmbed(call.params),
    });
  };
  // The prototype chain keeps every other member (limits, symbols, getters) of the model.
  return Object.create(model, {
    doEmbed: { value: doEmbed, enumerable: true, configurable: true, writable: true },
  }) as Model;
}
