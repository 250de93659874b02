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
  const estimators = new Map<string, InputEstimator>();
  const keep = (key: string, estimator: InputEstimator): InputEstimator => {
    if (estimators.size >= MAX_ESTIMATORS) estimators.clear();
    estimators.set(key, estimator);
    return estimator;
  };
  return (model, provider) => {
    const key = `${model}\u0000${provider ?? ""}`;
    const known = estimators.get(key);
    if (known !== undefined) return known;
    const estimator = inputEstimator({ model, provider, ...options });
    return estimator instanceof Promise
      ? estimator.then((loaded) => keep(key, loaded))
      : keep(key, estimator);
  };
}
