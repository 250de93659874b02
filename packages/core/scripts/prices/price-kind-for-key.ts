import { PRICE_KINDS, type PriceKind } from "../../src/pricing/price-kind.js";

const knownKinds: ReadonlySet<string> = new Set(PRICE_KINDS);

/**
 * Maps a genai-prices price key to the catalog's price kind: `input_mtok` → `input`,
 * `cache_write_1h_mtok` → `cacheWrite1h`, `web_searches_kcount` → `webSearchesKcount`.
 * Returns `undefined` for a key the catalog does not know (a new upstream unit).
 */
export function priceKindForKey(upstreamKey: string): PriceKind | undefined {
  const base = upstreamKey.endsWith("_mtok") ? upstreamKey.slice(0, -"_mtok".length) : upstreamKey;
  const kind = base.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  return knownKinds.has(kind) ? (kind as PriceKind) : undefined;
}
