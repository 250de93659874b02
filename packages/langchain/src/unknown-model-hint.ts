import { UnknownModelError } from "@tokenledger/core";
import type { ModelFromStart } from "./model-from-start.js";

/**
 * The ledger's `UnknownModelError` with the fix that fits a LangChain run: a model that does
 * not name itself (fakes, custom classes) is priced by the handler's `defaultModel`, so that
 * option is named first; a `defaultModel` with no price needs a price or another id. Other
 * errors, and unknown models the run named itself, pass through unchanged.
 */
export function withUnknownModelHint(error: unknown, model: ModelFromStart): unknown {
  if (!UnknownModelError.isInstance(error) || model.modelSource === "run") return error;
  const key = error.provider ? `${error.provider}:${error.model}` : error.model;
  const fix =
    model.modelSource === "class"
      ? `This LangChain model does not name itself, so the handler priced it by its class name "${model.model}". ` +
        `Pass defaultModel (and defaultProvider) to LedgerCallbackHandler, e.g. new LedgerCallbackHandler(ledger, { defaultModel: "gpt-4o-mini", defaultProvider: "openai" }), ` +
        `or give the ledger prices: { "${key}": { inputMtok: …, outputMtok: … } }, or set unknownModel: "record".`
      : `The handler's defaultModel "${model.model}" has no price: set defaultModel to a priced id, ` +
        `or give the ledger prices: { "${key}": { inputMtok: …, outputMtok: … } }, or set unknownModel: "record".`;
  return UnknownModelError.withFix(error, fix);
}
