import type { PriceMatch } from "./price-match.js";
import { compilePriceSchedule } from "./price-schedule.js";
import {
  GATEWAY_PROVIDER,
  isAiSdkProviderName,
  isExactProviderAlias,
  LOCAL_PROVIDERS,
  providerAlias,
} from "./provider-names.js";
import type { ResolvedModel, ServiceTierSuffix } from "./resolved-model.js";
import type { SnapshotHit, SnapshotIndex } from "./snapshot-index.js";
import type { ParsedUserPrice } from "./user-prices.js";

/** A user price registered under a provider (`""` for any) and a lower-cased model (`*` for any). */
interface UserEntry {
  readonly provider: string;
  readonly model: string;
  readonly price: ParsedUserPrice;
  /** The key as the user wrote it (the record's `priceEntry`). */
  readonly key: string;
}

/** One lookup: a provider (or none: any) and a lower-cased model id. */
interface Attempt {
  readonly provider: string | undefined;
  readonly model: string;
  /** The price would be another provider's (a gateway creator with no entry of its own). */
  readonly borrowed?: boolean;
}

/** `:batch` / `:flex` / `:priority` at the end of a model id: a service tier, not a model. */
const TIER_SUFFIX = /:(batch|flex|priority)$/i;

const SEPARATOR = "\u0000";
const RESOLUTION_CACHE_LIMIT = 10_000;
const COMPACT_DATE = /-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/;
const TRAILING_DATE = /[-@]20\d{2}-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])$/;

/**
 * Other spellings of a model id tried when the id itself matches nothing: Gemini's `models/`
 * prefix dropped, a compact date written with dashes (`-20240806` → `-2024-08-06`), and the
 * trailing snapshot date dropped (`gpt-4o-2024-06-01` → `gpt-4o`).
 */
export function modelIdVariants(lowerId: string): string[] {
  const variants: string[] = [];
  const add = (variant: string): void => {
    if (variant.length > 0 && variant !== lowerId && !variants.includes(variant))
      variants.push(variant);
  };
  const base = lowerId.startsWith("models/") ? lowerId.slice("models/".length) : lowerId;
  add(base);
  const compact = COMPACT_DATE.exec(base);
  if (compact) {
    add(base.replace(COMPACT_DATE, `-${compact[1]}-${compact[2]}-${compact[3]}`));
  }
  add(base.replace(TRAILING_DATE, ""));
  return variants;
}

/**
 * Resolves `(model, provider?)` as frameworks name them to a priced model: user prices first,
 * then the snapshot. Results (misses too) are cached per exact input pair, so the per-call
 * cost of a known pair is one Map lookup.
 */
export class ModelResolver {
  readonly #index: SnapshotIndex | undefined;
  readonly #users = new Map<string, UserEntry>();
  readonly #userProviders = new Set<string>();
  /**
   * Resolutions (misses too) per provider as given (`""` for none), then per model id as given:
   * two lookups of strings the caller reuses (their hashes are cached), no key built per call.
   */
  readonly #resolutions = new Map<string, Map<string, ResolvedModel | undefined>>();
  #resolutionCount = 0;
  readonly #catalogModels = new Map<string, ResolvedModel>();

  constructor(index: SnapshotIndex | undefined) {
    this.#index = index;
  }

  /** The canonical provider name for a name as given (catalog id when the catalog knows it). */
  canonicalProvider(name: string): string {
    const lower = name.trim().toLowerCase();
    return this.#index?.catalogProviderId(lower) ?? providerAlias(lower) ?? lower;
  }

  /** Registers a user price under its key (`provider:model`, `provider/model`, `model`, `provider:*`). */
  addUserPrice(key: string, price: ParsedUserPrice): void {
    const { provider, model } = this.#splitUserKey(key.trim());
    const entry: UserEntry = {
      provider: provider ?? "",
      model: model.toLowerCase(),
      price,
      key: key.trim(),
    };
    this.#users.set(`${entry.provider}${SEPARATOR}${entry.model}`, entry);
    if (entry.provider) this.#userProviders.add(entry.provider);
  }

  resolve(model: string, provider: string | undefined): ResolvedModel | undefined {
    const providerKey = provider ?? "";
    let byModel = this.#resolutions.get(providerKey);
    const cached = byModel?.get(model);
    if (cached !== undefined || byModel?.has(model)) return cached;
    const resolved = this.#resolveUncached(model, provider);
    if (this.#resolutionCount >= RESOLUTION_CACHE_LIMIT) {
      this.#resolutions.clear();
      this.#resolutionCount = 0;
      byModel = undefined;
    }
    if (byModel === undefined) {
      byModel = new Map();
      this.#resolutions.set(providerKey, byModel);
    }
    byModel.set(model, resolved);
    this.#resolutionCount++;
    return resolved;
  }

  /** The canonical provider a lookup would use, and the model id left after splitting a prefix. */
  describe(model: string, provider: string | undefined): { provider?: string; model: string } {
    return this.#splitReference(model.trim(), provider);
  }

  /**
   * The canonical provider of a reference for records: the given provider (aliases applied),
   * else a known `provider:` or `provider/` prefix of the model, else `undefined`.
   */
  providerOf(model: string, provider: string | undefined): string | undefined {
    const reference = this.#splitReference(model.trim(), provider);
    if (reference.provider !== undefined && reference.provider !== GATEWAY_PROVIDER) {
      return reference.provider;
    }
    return this.#splitGateway(reference.model.toLowerCase())?.provider ?? reference.provider;
  }

  /** Exact names only (no dotted or fuzzy guess), so `anthropic.claude-…-v1:0` is never split. */
  #isKnownProvider(lowerName: string): boolean {
    return (
      isExactProviderAlias(lowerName) ||
      this.#index?.hasProvider(lowerName) === true ||
      this.#userProviders.has(lowerName)
    );
  }

  /** Splits `provider:model` when no provider is given and the prefix names a known provider. */
  #splitReference(
    model: string,
    provider: string | undefined,
  ): { provider?: string; model: string } {
    if (provider !== undefined && provider.trim() !== "") {
      return { provider: this.canonicalProvider(provider), model };
    }
    const colon = model.indexOf(":");
    if (colon > 0 && colon < model.length - 1) {
      const prefix = model.slice(0, colon).toLowerCase();
      if (this.#isKnownProvider(prefix) || isAiSdkProviderName(prefix)) {
        return { provider: this.canonicalProvider(prefix), model: model.slice(colon + 1) };
      }
    }
    return { model };
  }

  /**
   * A user key: `provider:model` splits at the first colon (unless what follows is a number,
   * as in Bedrock's `…-v1:0`), `provider/model` when the prefix is a known provider, else a
   * bare model id.
   */
  #splitUserKey(key: string): { provider?: string; model: string } {
    const colon = key.indexOf(":");
    if (colon > 0 && colon < key.length - 1 && !/^\d+$/.test(key.slice(colon + 1))) {
      return { provider: this.canonicalProvider(key.slice(0, colon)), model: key.slice(colon + 1) };
    }
    return this.#splitGateway(key.toLowerCase()) ?? { model: key };
  }

  /** `provider/model` where the prefix names a known provider, else undefined. */
  #splitGateway(lowerModel: string): { provider: string; model: string } | undefined {
    const slash = lowerModel.indexOf("/");
    if (slash <= 0 || slash === lowerModel.length - 1) return undefined;
    const prefix = lowerModel.slice(0, slash);
    if (!this.#isKnownProvider(prefix)) return undefined;
    return { provider: this.canonicalProvider(prefix), model: lowerModel.slice(slash + 1) };
  }

  #resolveUncached(model: string, provider: string | undefined): ResolvedModel | undefined {
    const trimmed = model.trim();
    const tier = TIER_SUFFIX.exec(trimmed);
    const reference = this.#splitReference(tier ? trimmed.slice(0, tier.index) : trimmed, provider);
    const serviceTier = tier?.[1]?.toLowerCase() as ServiceTierSuffix | undefined;
    const lowerModel = reference.model.toLowerCase();
    const canonical = reference.provider;
    const attempts: Attempt[] = [];
    const inCatalog = canonical !== undefined && this.#index?.hasProvider(canonical.toLowerCase());
    if (canonical !== undefined && canonical !== GATEWAY_PROVIDER) {
      attempts.push({ provider: canonical, model: lowerModel });
    }
    const gateway = this.#splitGateway(lowerModel);
    if (gateway) attempts.push(gateway);
    if (canonical === undefined || (!inCatalog && !LOCAL_PROVIDERS.has(canonical))) {
      attempts.push({ provider: undefined, model: lowerModel });
    }
    const creatorModel =
      gateway === undefined ? this.#gatewayCreatorModel(lowerModel, canonical) : undefined;
    if (creatorModel !== undefined) {
      attempts.push({ provider: undefined, model: creatorModel, borrowed: true });
    }
    // The first exact / snapshot / alias hit wins; a family hit only when nothing better exists.
    let family: ResolvedModel | undefined;
    for (const attempt of attempts) {
      const base = attempt.model.replace(/^models\//, "");
      const dateless = base.replace(TRAILING_DATE, "");
      for (const variant of [attempt.model, ...modelIdVariants(attempt.model)]) {
        const found = this.#tryOne(attempt.provider, variant, canonical);
        if (found === undefined) continue;
        let match: PriceMatch = attempt.borrowed ? "family" : found.priceMatch;
        if (match !== "family" && variant === dateless && dateless !== base) {
          match = "snapshot";
        }
        const resolved: ResolvedModel = {
          ...found,
          priceMatch: match,
          ...(serviceTier !== undefined ? { serviceTier } : {}),
        };
        if (match !== "family") return resolved;
        family ??= resolved;
      }
    }
    return family;
  }

  /**
   * The model part of a gateway id whose creator has no price entry of its own (`meta/llama-…`
   * through the Vercel AI Gateway): looked up anywhere, and priced only approximately.
   */
  #gatewayCreatorModel(lowerModel: string, canonical: string | undefined): string | undefined {
    if (canonical !== GATEWAY_PROVIDER) return undefined;
    const slash = lowerModel.indexOf("/");
    return slash > 0 && slash < lowerModel.length - 1 ? lowerModel.slice(slash + 1) : undefined;
  }

  #tryOne(
    provider: string | undefined,
    lowerModel: string,
    requestedProvider: string | undefined,
  ): ResolvedModel | undefined {
    const exactUser =
      (provider !== undefined
        ? this.#users.get(`${provider}${SEPARATOR}${lowerModel}`)
        : undefined) ??
      this.#users.get(`${SEPARATOR}${lowerModel}`) ??
      (provider === undefined ? this.#userForAnyProvider(lowerModel) : undefined);
    if (exactUser)
      return this.#fromUser(exactUser, lowerModel, provider ?? requestedProvider, "exact");
    const wildcard =
      provider !== undefined ? this.#users.get(`${provider}${SEPARATOR}*`) : undefined;
    if (wildcard) return this.#fromUser(wildcard, lowerModel, provider, "alias");
    const index = this.#index;
    if (index === undefined) return undefined;
    const hit =
      provider !== undefined
        ? index.findInProvider(provider, lowerModel)
        : index.findBare(lowerModel);
    if (hit === undefined) return undefined;
    const override =
      this.#users.get(`${hit.providerId}${SEPARATOR}${hit.model.id.toLowerCase()}`) ??
      this.#users.get(`${SEPARATOR}${hit.model.id.toLowerCase()}`);
    if (override) return this.#fromUser(override, hit.model.id, hit.providerId, hit.match);
    return { ...this.#fromCatalog(hit, index), priceMatch: hit.match };
  }

  #userForAnyProvider(lowerModel: string): UserEntry | undefined {
    for (const entry of this.#users.values()) if (entry.model === lowerModel) return entry;
    return undefined;
  }

  #fromUser(
    entry: UserEntry,
    model: string,
    provider: string | undefined,
    priceMatch: PriceMatch,
  ): ResolvedModel {
    return {
      provider: entry.provider || provider || "user",
      model: entry.model === "*" ? model : entry.model,
      ...(entry.price.contextWindow !== undefined
        ? { contextWindow: entry.price.contextWindow }
        : {}),
      ...(entry.price.maxOutputTokens !== undefined
        ? { maxOutputTokens: entry.price.maxOutputTokens }
        : {}),
      priceSource: "user",
      priceMatch,
      priceEntry: entry.key,
      priceSnapshot: "user",
      schedule: compilePriceSchedule(entry.price.prices),
    };
  }

  /** The catalog entry's resolution (cached per entry; the caller sets its `priceMatch`). */
  #fromCatalog(hit: SnapshotHit, index: SnapshotIndex): ResolvedModel {
    const key = `${hit.providerId}${SEPARATOR}${hit.ownerId}${SEPARATOR}${hit.model.id}`;
    const cached = this.#catalogModels.get(key);
    if (cached) return cached;
    const snapshot = index.snapshot;
    const resolved: ResolvedModel = {
      provider: hit.providerId,
      model: hit.model.id,
      ...(hit.model.contextWindow !== undefined ? { contextWindow: hit.model.contextWindow } : {}),
      ...(hit.model.maxOutputTokens !== undefined
        ? { maxOutputTokens: hit.model.maxOutputTokens }
        : {}),
      ...(hit.model.deprecated ? { deprecated: true } : {}),
      priceSource: snapshot.source,
      priceMatch: "exact",
      priceEntry: `${hit.ownerId}:${hit.model.id}`,
      priceSnapshot:
        snapshot.date === undefined ? snapshot.source : `${snapshot.source}/${snapshot.date}`,
      schedule: compilePriceSchedule(hit.model.prices, hit.model.serviceTiers),
    };
    this.#catalogModels.set(key, resolved);
    return resolved;
  }

  /** Known model ids to suggest for an unknown one: the provider's (if known), else all. */
  knownIds(provider: string | undefined): string[] {
    const users = [...this.#users.values()]
      .filter(
        (entry) =>
          entry.model !== "*" && (!provider || !entry.provider || entry.provider === provider),
      )
      .map((entry) => (entry.provider ? `${entry.provider}:${entry.model}` : entry.model));
    const index = this.#index;
    if (index === undefined || (provider !== undefined && LOCAL_PROVIDERS.has(provider)))
      return users;
    const catalog =
      provider !== undefined && index.hasProvider(provider.toLowerCase())
        ? index.modelIds(provider)
        : index.modelIds();
    return [...users, ...catalog];
  }
}
