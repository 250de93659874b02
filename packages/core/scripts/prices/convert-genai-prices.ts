import type {
  ConditionalPrice,
  MatchRule,
  SnapshotModel,
  SnapshotProvider,
} from "../../src/pricing/catalog-snapshot.js";
import { convertMatchRule } from "./convert-match-rule.js";
import { convertConstraint, convertPriceSet } from "./convert-price-set.js";
import type { PriceCorrection } from "./price-correction.js";
import { isObject, PriceDataError, ProblemList, type ProblemSink } from "./problem-list.js";

export { PriceDataError } from "./problem-list.js";

/** The result of converting genai-prices v2 providers. */
export interface ConversionResult {
  providers: SnapshotProvider[];
  /** Corrections that matched an upstream value and were applied. */
  appliedCorrections: PriceCorrection[];
  /** Corrections whose upstream value no longer exists (upstream fixed it): remove them. */
  staleCorrections: PriceCorrection[];
}

function convertModel(
  raw: unknown,
  where: string,
  providerId: string,
  problems: ProblemSink,
  corrections: readonly PriceCorrection[],
  applied: Set<PriceCorrection>,
): SnapshotModel | undefined {
  if (!isObject(raw) || typeof raw.id !== "string" || raw.id.length === 0) {
    problems.add(where, "a model needs a string `id`");
    return undefined;
  }
  const id = raw.id;
  const modelWhere = `${providerId}/${id}`;
  const ids = { provider: providerId, model: id };
  const match = convertMatchRule(raw.match, `${modelWhere}.match`, problems);
  let prices: SnapshotModel["prices"] | undefined;
  if (Array.isArray(raw.prices)) {
    const entries: ConditionalPrice[] = [];
    for (const [index, entry] of raw.prices.entries()) {
      const entryWhere = `${modelWhere}.prices[${index}]`;
      if (!isObject(entry)) {
        problems.add(entryWhere, "a conditional price must be { constraint?, prices }");
        continue;
      }
      const constraint = convertConstraint(entry.constraint, `${entryWhere}.constraint`, problems);
      const set = convertPriceSet(
        entry.prices,
        `${entryWhere}.prices`,
        problems,
        corrections,
        applied,
        ids,
      );
      if (constraint !== undefined && set !== undefined)
        entries.push({ ...constraint, prices: set });
    }
    prices = entries;
  } else {
    prices = convertPriceSet(
      raw.prices,
      `${modelWhere}.prices`,
      problems,
      corrections,
      applied,
      ids,
    );
  }
  const contextWindow = raw.context_window;
  if (
    contextWindow !== undefined &&
    (typeof contextWindow !== "number" ||
      !Number.isSafeInteger(contextWindow) ||
      contextWindow <= 0)
  ) {
    problems.add(`${modelWhere}.context_window`, "must be a positive integer");
  }
  if (match === undefined || prices === undefined) return undefined;
  return {
    id,
    match,
    ...(typeof contextWindow === "number" ? { contextWindow } : {}),
    ...(raw.deprecated === true ? { deprecated: true } : {}),
    prices,
  };
}

/**
 * Converts genai-prices v2 provider data (the parsed `data.json`, or the array the npm package
 * embeds) to catalog providers in integer nano-USD. Drops descriptions, names of models,
 * pricing URLs, API patterns and extractors; keeps match rules, provider matching, fallback
 * providers, context windows, price history, time-of-day prices, tiers and every price key.
 *
 * @throws PriceDataError listing every value that cannot be converted exactly (more than 9
 * decimals, negative, unknown price key, malformed rule…).
 */
export function convertGenaiPrices(
  data: unknown,
  corrections: readonly PriceCorrection[] = [],
): ConversionResult {
  const problems = new ProblemList();
  const applied = new Set<PriceCorrection>();
  if (!Array.isArray(data)) throw new PriceDataError(["the data must be a list of providers"]);
  const providers: SnapshotProvider[] = [];
  const providerIds = new Set<string>();
  for (const [index, raw] of data.entries()) {
    if (!isObject(raw) || typeof raw.id !== "string" || !Array.isArray(raw.models)) {
      problems.add(`providers[${index}]`, "a provider needs an `id` and a `models` list");
      continue;
    }
    const id = raw.id;
    if (providerIds.has(id)) problems.add(id, "duplicate provider id");
    providerIds.add(id);
    const provider: {
      id: string;
      name: string;
      modelMatch?: MatchRule;
      providerMatch?: MatchRule;
      fallbackModelProviders?: string[];
      models: SnapshotModel[];
    } = { id, name: typeof raw.name === "string" ? raw.name : id, models: [] };
    if (raw.model_match !== undefined) {
      provider.modelMatch = convertMatchRule(raw.model_match, `${id}.model_match`, problems);
    }
    if (raw.provider_match !== undefined) {
      provider.providerMatch = convertMatchRule(
        raw.provider_match,
        `${id}.provider_match`,
        problems,
      );
    }
    if (raw.fallback_model_providers !== undefined) {
      const fallbacks = raw.fallback_model_providers;
      if (!Array.isArray(fallbacks) || fallbacks.some((item) => typeof item !== "string")) {
        problems.add(`${id}.fallback_model_providers`, "must be a list of provider ids");
      } else {
        provider.fallbackModelProviders = fallbacks as string[];
      }
    }
    for (const [modelIndex, rawModel] of raw.models.entries()) {
      const model = convertModel(
        rawModel,
        `${id}.models[${modelIndex}]`,
        id,
        problems,
        corrections,
        applied,
      );
      if (model !== undefined) provider.models.push(model);
    }
    providers.push(provider);
  }
  for (const provider of providers) {
    for (const fallback of provider.fallbackModelProviders ?? []) {
      if (!providerIds.has(fallback)) {
        problems.add(`${provider.id}.fallback_model_providers`, `unknown provider "${fallback}"`);
      }
    }
  }
  if (problems.list.length > 0) throw new PriceDataError(problems.list);
  return {
    providers,
    appliedCorrections: corrections.filter((correction) => applied.has(correction)),
    staleCorrections: corrections.filter((correction) => !applied.has(correction)),
  };
}
