import type { PriceRefreshError, PriceRefreshFailure } from "../errors/price-refresh-error.js";
import { type Catalog, createCatalog } from "./create-catalog.js";
import type { UserPrices } from "./user-prices.js";

/** True for a {@link Catalog} object (`createCatalog`, `remoteCatalog`), not a map of user prices. */
export function isCatalog(value: unknown): value is Catalog {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Catalog).resolve === "function" &&
    typeof (value as Catalog).resolveOrThrow === "function" &&
    typeof (value as Catalog).normalizeProvider === "function"
  );
}

/** The catalog a ledger prices with: the one given, or the bundled one under the user prices. */
export function catalogOf(prices: UserPrices | Catalog | undefined): Catalog {
  if (isCatalog(prices)) return prices;
  return createCatalog(prices === undefined ? {} : { prices });
}

/** A rejected refresh, as a catalog that refreshes itself reports it. */
export interface RefreshFailure {
  reason: PriceRefreshFailure;
  url: string;
  error: PriceRefreshError;
}

/** Calls `listener` on each rejected refresh of a catalog that refreshes itself (`remoteCatalog`). */
export function onRefreshFailure(
  catalog: Catalog,
  listener: (failure: RefreshFailure) => void,
): void {
  const on = (catalog as { on?: unknown }).on;
  if (typeof on !== "function") return;
  (on as (event: string, handler: (failure: RefreshFailure) => void) => unknown).call(
    catalog,
    "price-refresh-failed",
    listener,
  );
}
