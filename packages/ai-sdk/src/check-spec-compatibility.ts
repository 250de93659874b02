import { InvalidConfigError } from "@tokenledger/core";
import type { ModelIdentity } from "./model-shapes.js";

/** Spec version each `ai` major's `wrapLanguageModel` passes through unconverted and reads correctly. */
const specUnderstoodBy: Readonly<Record<string, readonly string[]>> = {
  "5": ["v2"],
  "6": ["v3", "v4"],
};

/** Provider package major made for each `ai` major. */
const providerMajorFor: Readonly<Record<string, string>> = { "5": "2", "6": "3" };

/** The last user agent parsed by {@link callingAiMajor}, and its `ai` major. */
let lastUserAgent: string | undefined;
let lastAiMajor: string | undefined;

/**
 * The `ai` major that issued this call, read from the `user-agent` header every
 * `generateText`/`streamText`/`embed` call adds (`ai/6.0.326`). `undefined` when the model is
 * called directly.
 */
export function callingAiMajor(
  headers: Readonly<Record<string, string | undefined>> | undefined,
): string | undefined {
  if (headers === undefined) return undefined;
  const userAgent = headers["user-agent"] ?? headers["User-Agent"];
  if (userAgent === undefined) return undefined;
  // Every call of one app sends the same user agent: parse it once.
  if (userAgent !== lastUserAgent) {
    lastUserAgent = userAgent;
    lastAiMajor = /(?:^|\s)ai\/(\d+)\./.exec(userAgent)?.[1];
  }
  return lastAiMajor;
}

/**
 * Refuses a model whose usage the calling `ai` major would silently lose, instead of recording
 * zeros: ai@6 does not convert a spec-v2 model given to `wrapLanguageModel` (it reads the flat
 * v2 usage as nested v3 and reports every count as undefined), and ai@5 misreads v3/v4 models.
 * ai@7 converts every model before the middleware sees it, so it is always fine.
 *
 * @throws InvalidConfigError naming the model and the provider package version to install.
 */
export function assertCountableModel(
  model: ModelIdentity,
  headers: Readonly<Record<string, string | undefined>> | undefined,
): void {
  const aiMajor = callingAiMajor(headers);
  if (aiMajor === undefined) return;
  const understood = specUnderstoodBy[aiMajor];
  if (understood === undefined || understood.includes(model.specificationVersion)) return;
  const wanted = providerMajorFor[aiMajor];
  throw new InvalidConfigError({
    message:
      `Model "${model.modelId}" (provider "${model.provider}") implements AI SDK model spec ${model.specificationVersion}, ` +
      `but it was wrapped with wrapLanguageModel from ai@${aiMajor}, which does not convert it: its token usage would be lost ` +
      `and the call recorded as zero. Install the provider package made for ai@${aiMajor} ` +
      `(e.g. @ai-sdk/openai@${wanted}, @ai-sdk/anthropic@${wanted}) or upgrade ai to 7, which converts older models.`,
  });
}

/**
 * A fallback model must return results the calling SDK reads like the wrapped model's: the same
 * spec version (a v3 model under ai@7's v4 is fine: same usage and finish shapes).
 *
 * @throws InvalidConfigError naming both models.
 */
export function assertFallbackSpec(model: ModelIdentity, fallback: ModelIdentity): void {
  const wrapped = model.specificationVersion;
  const routed = fallback.specificationVersion;
  if (routed === wrapped || (wrapped === "v4" && routed === "v3")) return;
  throw new InvalidConfigError({
    message:
      `fallbackModel "${fallback.modelId}" (provider "${fallback.provider}") implements AI SDK model spec ${routed}, ` +
      `but the wrapped model "${model.modelId}" is called as spec ${wrapped}: the SDK would misread its results and usage. ` +
      `Create the fallback with a provider package of the same major as the wrapped model's.`,
  });
}
