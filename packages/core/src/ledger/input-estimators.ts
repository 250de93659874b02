import type { CorrectionFactors } from "../tokenize/correction-factors.js";
import { type InputEstimator, inputEstimator } from "../tokenize/estimate-tokens.js";
import type { TokenizerLoader } from "../tokenize/tokenizer.js";

/** A ledger's input estimators, by model and provider. */
export type InputEstimators = (
  model: string,
  provider: string | undefined,
) => InputEstimator | Promise<InputEstimator>;

/** Most model/provider pairs kept; past it the map starts over (a few regex tests to rebuild). */
const MAX_ESTIMATORS = 1024;

/**
 * One input estimator per model/provider pair, kept once its tokenizer is loaded, so counting a
 * prompt on the hot path resolves nothing again (the estimator reads learned correction
 * factors on each count).
 */
export function createInputEstimators(options: {
  correctionFactors: CorrectionFactors;
  tokenizer?: TokenizerLoader;
}): InputEstimators {
  // Per provider as given ("" for none), then per model id: no key string built per call.
  const estimators = new Map<string, Map<string, InputEstimator>>();
  let count = 0;
  const keep = (providerKey: string, model: string, estimator: InputEstimator): InputEstimator => {
    if (count >= MAX_ESTIMATORS) {
      estimators.clear();
      count = 0;
    }
    let byModel = estimators.get(providerKey);
    if (byModel === undefined) {
      byModel = new Map();
      estimators.set(providerKey, byModel);
    }
    if (!byModel.has(model)) count++;
    byModel.set(model, estimator);
    return estimator;
  };
  return (model, provider) => {
    const providerKey = provider ?? "";
    const known = estimators.get(providerKey)?.get(model);
    if (known !== undefined) return known;
    const estimator = inputEstimator({ model, provider, ...options });
    return estimator instanceof Promise
      ? estimator.then((loaded) => keep(providerKey, model, loaded))
      : keep(providerKey, model, estimator);
  };
}
