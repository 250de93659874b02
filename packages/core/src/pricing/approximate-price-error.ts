import { UnknownModelError } from "../errors/unknown-model-error.js";
import type { ModelInfo } from "./resolved-model.js";

/**
 * The refusal of a model the data prices only by a `family` match (a prefix rule, or another
 * provider's price): an {@link UnknownModelError} whose message names the closest entry and how
 * to add a price or accept the approximate one.
 */
export function approximatePriceError(model: string, priced: ModelInfo): UnknownModelError {
  const key = `${priced.provider}:${model.includes(":") ? model.slice(model.indexOf(":") + 1) : model}`;
  return new UnknownModelError({
    model,
    provider: priced.provider,
    suggestions: [priced.priceEntry],
    problem:
      `No price for model "${model}" (provider "${priced.provider}"): the closest entry is ` +
      `"${priced.priceEntry}", matched only by its family rule, so its price would be a guess.`,
    fix:
      `Add a price with prices: { "${key}": { inputMtok: …, outputMtok: … } }, ` +
      `or set unknownModel: "record" to accept the approximate price (an "approximate-price" event fires).`,
  });
}
