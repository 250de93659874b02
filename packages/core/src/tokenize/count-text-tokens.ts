import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { countGuarded } from "./count-guarded.js";
import { clearPieceCaches } from "./piece-counter.js";
import {
  TokenCountCache,
  type TokenCountCacheLimits,
  type TokenCountCacheStats,
} from "./token-count-cache.js";
import type { Tokenizer } from "./tokenizer.js";

/** Options of {@link configureTokenCache}. */
export interface TokenCacheOptions extends Partial<TokenCountCacheLimits> {
  /** Texts shorter than this are counted directly, never cached. Default 32. */
  minChars?: number;
}

const settings = { maxEntries: 10_000, maxChars: 4_000_000, minChars: 32 };

/** One cache per tokenizer instance, i.e. per encoding of each tokenizer library. */
let caches = new WeakMap<Tokenizer, TokenCountCache>();

function cacheOf(tokenizer: Tokenizer): TokenCountCache {
  let cache = caches.get(tokenizer);
  if (cache === undefined) {
    cache = new TokenCountCache(settings);
    caches.set(tokenizer, cache);
  }
  return cache;
}

/**
 * Tokens in `text`, counted once: repeated text (a long system prompt sent on every call, the
 * conversation so far) is answered from a bounded LRU cache per tokenizer, so estimation cost
 * does not grow with how often the same text is sent. Runs of more than 256 whitespace or
 * non-whitespace characters are split before counting, so adversarial input stays linear.
 *
 * @example
 * const tokenizer = await gptTokenizer("o200k_base");
 * countTextTokens(systemPrompt, tokenizer); // tokenized
 * countTextTokens(systemPrompt, tokenizer); // from cache
 */
export function countTextTokens(text: string, tokenizer: Tokenizer): number {
  if (text.length < settings.minChars) return countUncached(text, tokenizer);
  const cache = cacheOf(tokenizer);
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const count = countUncached(text, tokenizer);
  cache.set(text, count);
  return count;
}

/** {@link countTextTokens} without the cache, for text seen once (streamed output). */
export function countUncached(text: string, tokenizer: Tokenizer): number {
  if (text.length === 0) return 0;
  return countGuarded(text, (piece) => tokenizer.count(piece));
}

/** Hit/miss counters and size of a tokenizer's cache. */
export function tokenCacheStats(tokenizer: Tokenizer): TokenCountCacheStats {
  return cacheOf(tokenizer).stats();
}

/** Empties the token-count caches: of one tokenizer, or of all when none is given. */
export function clearTokenCache(tokenizer?: Tokenizer): void {
  if (tokenizer === undefined) {
    caches = new WeakMap();
    clearPieceCaches();
  } else caches.get(tokenizer)?.clear();
}

/**
 * Sets the bounds of every token-count cache (a cache over a new bound shrinks on its next
 * insert). `maxEntries: 0` turns caching off. Defaults: 10,000 entries, 4M characters, texts
 * of 32+ characters.
 */
export function configureTokenCache(options: TokenCacheOptions): void {
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (!(key in settings)) {
      throw new InvalidConfigError({
        message: `Unknown token cache option "${key}". Use maxEntries, maxChars or minChars.`,
      });
    }
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw new InvalidConfigError({
        message: `Token cache option ${key} must be an integer ≥ 0, got ${String(value)}.`,
      });
    }
    settings[key as keyof typeof settings] = value;
  }
}
