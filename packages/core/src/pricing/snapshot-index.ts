import type { CatalogSnapshot, SnapshotModel, SnapshotProvider } from "./catalog-snapshot.js";
import { type CompiledMatcher, compileMatchRule } from "./match-rule.js";
import {
  classifyIdForms,
  declaredNames,
  idForms,
  PRICE_MATCH_RANK,
  type PriceMatch,
} from "./price-match.js";
import { providerAlias } from "./provider-names.js";

/**
 * Order in which providers are tried for a bare model id: the labs that make the models first,
 * then clouds, then the rest in catalog order, resellers and aggregators last. So `gpt-4o` is
 * OpenAI's, not Azure's or OpenRouter's.
 */
const FIRST_PARTY_ORDER: readonly string[] = [
  "openai",
  "anthropic",
  "google",
  "mistral",
  "x-ai",
  "deepseek",
  "cohere",
  "voyageai",
  "moonshotai",
  "minimax",
  "zhipuai",
  "zai",
  "perplexity",
  "aws",
  "azure",
  "groq",
  "cerebras",
  "fireworks",
  "together",
];
const AGGREGATORS = /^(openrouter|huggingface_)/;

/**
 * Bare ids whose shape names their provider although no upstream rule claims them: Bedrock
 * model ids (`anthropic.claude-…-v1:0`, `us.amazon.nova-…`) are AWS's.
 */
const SHAPE_CLAIMS: readonly { pattern: RegExp; provider: string }[] = [
  {
    pattern:
      /^(?:(?:us|eu|apac|au|jp|ca|us-gov|global)\.)?(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer|twelvelabs|stability|moonshot|minimax|nvidia)\.[a-z0-9]/,
    provider: "aws",
  },
];

/** A model found in the snapshot. */
export interface SnapshotHit {
  /** The provider asked for (Azure when Azure falls back to OpenAI's price). */
  readonly providerId: string;
  /** The provider whose entry holds the price. */
  readonly ownerId: string;
  readonly model: SnapshotModel;
  /** How the id matched the entry (see {@link PriceMatch}). */
  readonly match: PriceMatch;
}

interface IndexedModel {
  readonly lowerId: string;
  readonly matches: CompiledMatcher;
  /** Names the rule declares for the entry (see `declaredNames`). */
  readonly names: readonly string[];
  readonly model: SnapshotModel;
}

/** A model of one provider and how it matched. */
interface OwnHit {
  readonly model: SnapshotModel;
  readonly match: PriceMatch;
}

interface IndexedProvider {
  readonly id: string;
  readonly modelMatch: CompiledMatcher | undefined;
  readonly fallbacks: readonly string[];
  readonly source: SnapshotProvider;
  models: readonly IndexedModel[] | undefined;
}

/**
 * Match rules of a snapshot compiled once, lazily: providers on first use, each provider's
 * models the first time that provider is searched.
 */
export class SnapshotIndex {
  readonly snapshot: CatalogSnapshot;
  #providers: Map<string, IndexedProvider> | undefined;
  #providerMatchers: { id: string; matches: CompiledMatcher }[] = [];
  #bareOrder: IndexedProvider[] = [];

  constructor(snapshot: CatalogSnapshot) {
    this.snapshot = snapshot;
  }

  #index(): Map<string, IndexedProvider> {
    if (this.#providers !== undefined) return this.#providers;
    const providers = new Map<string, IndexedProvider>();
    for (const source of this.snapshot.providers) {
      providers.set(source.id.toLowerCase(), {
        id: source.id,
        modelMatch: source.modelMatch ? compileMatchRule(source.modelMatch) : undefined,
        fallbacks: (source.fallbackModelProviders ?? []).map((id) => id.toLowerCase()),
        source,
        models: undefined,
      });
      if (source.providerMatch) {
        this.#providerMatchers.push({
          id: source.id,
          matches: compileMatchRule(source.providerMatch),
        });
      }
    }
    const rank = (provider: IndexedProvider, position: number): number => {
      const firstParty = FIRST_PARTY_ORDER.indexOf(provider.id);
      if (firstParty >= 0) return firstParty;
      return (AGGREGATORS.test(provider.id) ? 20_000 : 10_000) + position;
    };
    this.#bareOrder = [...providers.values()]
      .map((provider, position) => ({ provider, order: rank(provider, position) }))
      .sort((left, right) => left.order - right.order)
      .map(({ provider }) => provider);
    this.#providers = providers;
    return providers;
  }

  #models(provider: IndexedProvider): readonly IndexedModel[] {
    if (provider.models === undefined) {
      provider.models = provider.source.models.map((model) => ({
        lowerId: model.id.toLowerCase(),
        matches: compileMatchRule(model.match),
        names: declaredNames(model.match),
        model,
      }));
    }
    return provider.models;
  }

  /** True when the snapshot has a provider with this id. */
  hasProvider(lowerId: string): boolean {
    return this.#index().has(lowerId);
  }

  /**
   * The catalog provider id for a provider name as frameworks give it (lower case): aliases
   * (`openai.responses`, `bedrock`, `google_genai`…), catalog ids, then the catalog's own
   * provider match rules (`…anthropic…` → anthropic). `undefined` when nothing claims it.
   */
  catalogProviderId(lowerName: string): string | undefined {
    const providers = this.#index();
    const alias = providerAlias(lowerName);
    if (alias !== undefined && providers.has(alias)) return providers.get(alias)?.id;
    if (providers.has(lowerName)) return providers.get(lowerName)?.id;
    if (alias !== undefined) return undefined;
    return this.#providerMatchers.find((matcher) => matcher.matches(lowerName))?.id;
  }

  /**
   * The provider's entry for an id: its own id first, then the best-matching entry (exact,
   * snapshot, alias before a `family` match; the first in match order among equals).
   */
  #findOwn(provider: IndexedProvider, lowerId: string): OwnHit | undefined {
    const models = this.#models(provider);
    for (const entry of models)
      if (entry.lowerId === lowerId) return { model: entry.model, match: "exact" };
    let best: OwnHit | undefined;
    const forms = idForms(lowerId);
    for (const entry of models) {
      const match = classifyIdForms(forms, entry.lowerId, entry.names, entry.matches(lowerId));
      if (match === undefined) continue;
      if (best === undefined || PRICE_MATCH_RANK[match] < PRICE_MATCH_RANK[best.match]) {
        best = { model: entry.model, match };
        if (match !== "family") break;
      }
    }
    return best;
  }

  /** A model of one provider (by id, then the first match rule), else of its fallback providers. */
  findInProvider(providerId: string, lowerId: string): SnapshotHit | undefined {
    const providers = this.#index();
    const provider = providers.get(providerId.toLowerCase());
    if (provider === undefined) return undefined;
    const own = this.#findOwn(provider, lowerId);
    if (own !== undefined && own.match !== "family") {
      return { providerId: provider.id, ownerId: provider.id, ...own };
    }
    let family: SnapshotHit | undefined =
      own === undefined ? undefined : { providerId: provider.id, ownerId: provider.id, ...own };
    for (const fallbackId of provider.fallbacks) {
      const fallback = providers.get(fallbackId);
      const hit = fallback ? this.#findOwn(fallback, lowerId) : undefined;
      if (fallback === undefined || hit === undefined) continue;
      if (hit.match !== "family") return { providerId: provider.id, ownerId: fallback.id, ...hit };
      family ??= { providerId: provider.id, ownerId: fallback.id, ...hit };
    }
    return family;
  }

  /**
   * A bare model id: first a provider its shape names (Bedrock ids → aws), then the providers
   * whose model rule claims the id (`gpt-…` → openai), then every provider in first-party-first
   * order.
   */
  findBare(lowerId: string): SnapshotHit | undefined {
    const providers = this.#index();
    let family: SnapshotHit | undefined;
    const consider = (provider: IndexedProvider): SnapshotHit | undefined => {
      const hit = this.#findOwn(provider, lowerId);
      if (hit === undefined) return undefined;
      const found = { providerId: provider.id, ownerId: provider.id, ...hit };
      if (hit.match !== "family") return found;
      family ??= found;
      return undefined;
    };
    for (const claim of SHAPE_CLAIMS) {
      const provider = claim.pattern.test(lowerId) ? providers.get(claim.provider) : undefined;
      const found = provider ? consider(provider) : undefined;
      if (found) return found;
    }
    for (const provider of this.#bareOrder) {
      const found = provider.modelMatch?.(lowerId) ? consider(provider) : undefined;
      if (found) return found;
    }
    for (const provider of this.#bareOrder) {
      const found = consider(provider);
      if (found) return found;
    }
    return family;
  }

  /** Model ids of one provider (and its fallbacks), or of every provider. */
  modelIds(providerId?: string): string[] {
    const providers = this.#index();
    if (providerId !== undefined) {
      const provider = providers.get(providerId.toLowerCase());
      if (provider === undefined) return [];
      return [provider, ...provider.fallbacks.map((id) => providers.get(id))]
        .flatMap((item) => item?.source.models ?? [])
        .map((model) => model.id);
    }
    return this.snapshot.providers.flatMap((provider) => provider.models.map((model) => model.id));
  }
}
