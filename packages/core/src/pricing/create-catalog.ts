import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { InvalidPriceError } from "../errors/invalid-price-error.js";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import { bundledCatalogSnapshot } from "./catalog.generated.js";
import type { CatalogSnapshot } from "./catalog-snapshot.js";
import { closestIds } from "./closest-ids.js";
import { ModelResolver } from "./model-resolver.js";
import type { ResolvedModel } from "./resolved-model.js";
import { SnapshotIndex } from "./snapshot-index.js";
import { parseUserPrice, type UserPrices } from "./user-prices.js";

/** Options of {@link createCatalog}. */
export interface CatalogOptions {
  /**
   * Your prices, in USD per 1M tokens, keyed `provider:model` (`acme:my-model`), `provider/model`,
   * a bare model id, or `provider:*` (every model of a provider, e.g. `ollama:*`). They win over
   * the bundled catalog, also for ids that resolve to the same catalog model.
   */
  prices?: UserPrices;
  /** Include the bundled genai-prices catalog (default `true`); `false` for user prices only. */
  includeDefaults?: boolean;
  /** Use this snapshot instead of the bundled one (e.g. a fresher generated catalog). */
  snapshot?: CatalogSnapshot;
}

/** A price catalog: resolves model references and holds their prices. */
export interface Catalog {
  /** Where the default prices come from (`genai-prices@47df840`), or `user`. */
  readonly source: string;
  /**
   * Resolves a model as frameworks name it: `gpt-4o`, `openai:gpt-4o`, `openai/gpt-4o`, dated
   * snapshots, with a provider such as `openai.responses`, `google_genai`, `bedrock`, `gateway`.
   * Case-insensitive; cached per (model, provider). `undefined` when no price is known.
   */
  resolve(model: string, provider?: string): ResolvedModel | undefined;
  /** Like {@link Catalog.resolve} but throws {@link UnknownModelError} with suggestions. */
  resolveOrThrow(model: string, provider?: string): ResolvedModel;
  /** Up to 3 known ids closest to a model reference. */
  suggest(model: string, provider?: string): string[];
  /**
   * The catalog's provider id for a framework's provider name (`openai.responses` → `openai`),
   * else a known `provider:`/`provider/` prefix of the model, else `unknown`. For unpriced records.
   */
  normalizeProvider(provider: string | undefined, model: string): string;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Creates a price catalog: the bundled genai-prices snapshot (unless `includeDefaults: false`)
 * under your own `prices`. User prices are validated here, once.
 *
 * @throws InvalidPriceError for a malformed price (negative, NaN, more than 9 decimals, unknown
 * field), naming the model key and field.
 * @throws InvalidConfigError for malformed options.
 */
export function createCatalog(options: CatalogOptions = {}): Catalog {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidConfigError({ message: "createCatalog(options): options must be an object." });
  }
  const includeDefaults = options.includeDefaults ?? true;
  if (typeof includeDefaults !== "boolean") {
    throw new InvalidConfigError({
      message: `createCatalog: includeDefaults must be true or false, got ${JSON.stringify(includeDefaults)}.`,
    });
  }
  const snapshot = options.snapshot ?? bundledCatalogSnapshot();
  const index = includeDefaults ? new SnapshotIndex(snapshot) : undefined;
  const resolver = new ModelResolver(index);
  const prices: unknown = options.prices ?? {};
  if (!isPlainObject(prices)) {
    throw new InvalidPriceError({
      message:
        'createCatalog: prices must be an object keyed by model, e.g. { "acme:my-model": { inputMtok: 1, outputMtok: 2 } }.',
    });
  }
  for (const [key, value] of Object.entries(prices)) {
    if (key.trim() === "") {
      throw new InvalidPriceError({
        message: "createCatalog: a price key is empty; use provider:model.",
      });
    }
    resolver.addUserPrice(key, parseUserPrice(key, value));
  }
  const suggest = (model: string, provider?: string): string[] => {
    const reference = resolver.describe(model, provider);
    return closestIds(reference.model, resolver.knownIds(reference.provider));
  };
  return {
    source: includeDefaults ? snapshot.source : "user",
    resolve: (model, provider) => resolver.resolve(model, provider),
    resolveOrThrow(model, provider) {
      const resolved = resolver.resolve(model, provider);
      if (resolved !== undefined) return resolved;
      const reference = resolver.describe(model, provider);
      throw new UnknownModelError({
        model: reference.model,
        ...(reference.provider !== undefined ? { provider: reference.provider } : {}),
        suggestions: suggest(model, provider),
      });
    },
    suggest,
    normalizeProvider: (provider, model) => resolver.providerOf(model, provider) ?? "unknown",
  };
}

let bundled: Catalog | undefined;
const bundledCatalog = (): Catalog => {
  bundled ??= createCatalog();
  return bundled;
};

/**
 * The bundled genai-prices catalog with no user prices. Built on its first use, not at import:
 * parsing and indexing 1,400+ models is most of what importing the package would cost.
 */
export const defaultCatalog: Catalog = {
  get source() {
    return bundledCatalog().source;
  },
  resolve: (model, provider) => bundledCatalog().resolve(model, provider),
  resolveOrThrow: (model, provider) => bundledCatalog().resolveOrThrow(model, provider),
  suggest: (model, provider) => bundledCatalog().suggest(model, provider),
  normalizeProvider: (provider, model) => bundledCatalog().normalizeProvider(provider, model),
};
