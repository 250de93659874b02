import { clearMergeCache } from "gpt-tokenizer/encoding/o200k_base";
import { clearTokenCache } from "../count-text-tokens.js";
import { type InputEstimator, inputEstimator } from "../estimate-tokens.js";
import type { InputFamily } from "./input-families.js";

/** How estimation time grew from an input to one 10× longer of the same family. */
export interface Scaling {
  family: string;
  smallLength: number;
  /** Fastest of the repetitions, in ms: load on a shared machine only ever adds time. */
  smallMs: number;
  largeMs: number;
  /** `largeMs / smallMs`: about 10 when estimation is linear. */
  ratio: number;
}

let estimator: InputEstimator | undefined;

/** `gpt-4o` (o200k_base, no correction factor), loaded once. */
async function loadEstimator(): Promise<InputEstimator> {
  estimator ??= await inputEstimator({ model: "gpt-4o" });
  return estimator;
}

/** One estimate with every cache empty (ours and gpt-tokenizer's merge cache): real work. */
function timeColdEstimate(estimate: InputEstimator, input: Parameters<InputEstimator>[0]): number {
  clearTokenCache();
  clearMergeCache();
  const started = performance.now();
  estimate(input);
  return performance.now() - started;
}

/**
 * Times estimating `family` at `smallLength` and at 10× that, alternating the two so load
 * hits both alike, after one warm-up of each; keeps the fastest of `repetitions`.
 */
export async function measureScaling(
  family: InputFamily,
  smallLength: number,
  repetitions: number,
): Promise<Scaling> {
  const estimate = await loadEstimator();
  const small = family.make(smallLength);
  const large = family.make(smallLength * 10);
  timeColdEstimate(estimate, small);
  timeColdEstimate(estimate, large);
  let smallMs = Number.POSITIVE_INFINITY;
  let largeMs = Number.POSITIVE_INFINITY;
  for (let repetition = 0; repetition < repetitions; repetition++) {
    smallMs = Math.min(smallMs, timeColdEstimate(estimate, small));
    largeMs = Math.min(largeMs, timeColdEstimate(estimate, large));
  }
  return { family: family.name, smallLength, smallMs, largeMs, ratio: largeMs / smallMs };
}
