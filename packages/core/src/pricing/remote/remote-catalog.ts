import { PriceRefreshError } from "../../errors/price-refresh-error.js";
import { bundledCatalogSnapshot } from "../catalog.generated.js";
import type { CatalogSnapshot } from "../catalog-snapshot.js";
import { type Catalog, createCatalog } from "../create-catalog.js";
import type { UserPrices } from "../user-prices.js";
import {
  checkPriceData,
  DEFAULT_MAX_PRICE_RATIO,
  DEFAULT_MAX_TOKEN_PRICE_NANO_USD,
} from "./check-price-data.js";
import { readLimitedBody } from "./read-limited-body.js";

/** genai-prices v2 data, the source the bundled catalog is generated from (MIT). */
export const DEFAULT_PRICES_URL =
  "https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json";

/** Where the last good price text is kept between runs (a file, a KV store…). */
export interface PriceCache {
  read(): Promise<string | undefined> | string | undefined;
  write(text: string): Promise<void> | void;
}

/** Options of {@link remoteCatalog}. */
export interface RemoteCatalogOptions {
  /** genai-prices v2 `data.json` URL. @default {@link DEFAULT_PRICES_URL} */
  url?: string;
  /** The fetch to use (a proxy-aware one, a test double). @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Refresh period; `0` fetches once. @default 86_400_000 (a day) */
  refreshMs?: number;
  /** A fetch slower than this is abandoned. @default 10_000 */
  timeoutMs?: number;
  /** A body larger than this is refused. @default 20 MB */
  maxBytes?: number;
  /** A model whose input/output price moves by more than this factor is refused. @default 20 */
  maxPriceRatio?: number;
  /** A token price above this (USD per 1M tokens) is refused. @default 5000 */
  maxTokenPriceUsd?: number;
  /** Keeps the last good price text across restarts (`@tokenledger/core/node`: `fileCache(path)`). */
  cache?: PriceCache;
  /** Your prices, on top of the fetched ones (as in `createCatalog`). */
  prices?: UserPrices;
  /** Fetch at creation (default) or only on {@link RemoteCatalog.refresh}. */
  fetchOnStart?: boolean;
}

/** Events of a {@link RemoteCatalog}. */
export interface RemoteCatalogEvents {
  "price-refresh-failed": {
    reason: PriceRefreshError["reason"];
    url: string;
    error: PriceRefreshError;
  };
  "prices-refreshed": { url: string; source: string; models: number; fromCache: boolean };
}

/** What a remote catalog is serving. */
export interface RemoteCatalogStatus {
  /** `bundled` until a fetch (or the cache) succeeds. */
  origin: "bundled" | "remote" | "cache";
  source: string;
  /** When the prices in use were fetched (ISO), if remote. */
  fetchedAt?: string;
  url: string;
  lastError?: PriceRefreshError;
}

/** A {@link Catalog} that refreshes itself from upstream in the background. */
export interface RemoteCatalog extends Catalog {
  /** Fetches now; resolves when the new prices are in use or the attempt was rejected. Never throws. */
  refresh(): Promise<RemoteCatalogStatus>;
  status(): RemoteCatalogStatus;
  /** The snapshot in use (bundled until a refresh succeeds). */
  snapshot(): CatalogSnapshot;
  on<E extends keyof RemoteCatalogEvents>(
    event: E,
    listener: (payload: RemoteCatalogEvents[E]) => void,
  ): () => void;
  /** Stops the refresh timer. */
  close(): void;
}

/**
 * A price catalog that starts from the bundled snapshot and refreshes itself from upstream
 * genai-prices data: fetched in the background (never on a call's path, never blocking one),
 * checked like the generator checks it plus sanity limits, and swapped in atomically. A failed
 * or hostile refresh keeps the last good prices and emits `price-refresh-failed` with a reason.
 *
 * @example
 * const ledger = createLedger({ prices: remoteCatalog({ refreshMs: 6 * 3_600_000 }) });
 */
export function remoteCatalog(options: RemoteCatalogOptions = {}): RemoteCatalog {
  const url = options.url ?? DEFAULT_PRICES_URL;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const refreshMs = options.refreshMs ?? 86_400_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxBytes = options.maxBytes ?? 20_000_000;
  const limits = {
    maxPriceRatio: options.maxPriceRatio ?? DEFAULT_MAX_PRICE_RATIO,
    maxTokenPriceNanoUsd:
      options.maxTokenPriceUsd === undefined
        ? DEFAULT_MAX_TOKEN_PRICE_NANO_USD
        : Math.round(options.maxTokenPriceUsd * 1e9),
  };
  const userPrices = options.prices === undefined ? {} : { prices: options.prices };
  const listeners = new Map<string, Set<(payload: never) => void>>();
  const emit = <E extends keyof RemoteCatalogEvents>(event: E, payload: RemoteCatalogEvents[E]) => {
    for (const listener of listeners.get(event) ?? []) {
      try {
        (listener as (value: RemoteCatalogEvents[E]) => void)(payload);
      } catch (error) {
        console.error("[tokenledger] a remote catalog listener threw:", error);
      }
    }
  };

  // The one mutable reference: every lookup reads it, a refresh replaces it whole.
  let current: { snapshot: CatalogSnapshot; catalog: Catalog; status: RemoteCatalogStatus } = {
    snapshot: bundledCatalogSnapshot(),
    catalog: createCatalog(userPrices),
    status: { origin: "bundled", source: bundledCatalogSnapshot().source, url },
  };
  let inFlight: Promise<RemoteCatalogStatus> | undefined;

  const install = (text: string, origin: "remote" | "cache", fetchedAt: string): void => {
    const snapshot = checkPriceData(text, {
      url,
      source: "genai-prices@remote",
      date: fetchedAt,
      reference: current.snapshot,
      limits,
    });
    const catalog = createCatalog({ ...userPrices, snapshot });
    current = { snapshot, catalog, status: { origin, source: snapshot.source, fetchedAt, url } };
    const models = snapshot.providers.reduce((sum, provider) => sum + provider.models.length, 0);
    emit("prices-refreshed", {
      url,
      source: snapshot.source,
      models,
      fromCache: origin === "cache",
    });
  };

  const fail = (error: unknown): RemoteCatalogStatus => {
    const refreshError = PriceRefreshError.isInstance(error)
      ? error
      : new PriceRefreshError({ reason: "network", url, message: String(error), cause: error });
    current = { ...current, status: { ...current.status, lastError: refreshError } };
    emit("price-refresh-failed", { reason: refreshError.reason, url, error: refreshError });
    return current.status;
  };

  const fetchOnce = async (): Promise<RemoteCatalogStatus> => {
    try {
      const text = await readLimitedBody(fetchImpl, url, { timeoutMs, maxBytes });
      install(text, "remote", new Date().toISOString());
      if (options.cache) await options.cache.write(text);
      return current.status;
    } catch (error) {
      return fail(error);
    }
  };

  const refresh = (): Promise<RemoteCatalogStatus> => {
    inFlight ??= fetchOnce().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };

  const loadCache = async (): Promise<void> => {
    const cache = options.cache;
    if (cache === undefined) return;
    try {
      const text = await cache.read();
      if (text !== undefined) install(text, "cache", new Date().toISOString());
    } catch (error) {
      fail(error);
    }
  };

  let timer: ReturnType<typeof setInterval> | undefined;
  if (options.fetchOnStart !== false) {
    void loadCache().then(refresh);
    if (refreshMs > 0) {
      timer = setInterval(() => void refresh(), refreshMs);
      (timer as { unref?: () => void }).unref?.();
    }
  }

  return {
    get source() {
      return current.catalog.source;
    },
    resolve: (model, provider) => current.catalog.resolve(model, provider),
    resolveOrThrow: (model, provider) => current.catalog.resolveOrThrow(model, provider),
    suggest: (model, provider) => current.catalog.suggest(model, provider),
    normalizeProvider: (provider, model) => current.catalog.normalizeProvider(provider, model),
    refresh,
    status: () => current.status,
    snapshot: () => current.snapshot,
    on(event, listener) {
      let set = listeners.get(event);
      if (set === undefined) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    close() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
}
