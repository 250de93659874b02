/**
 * What the fake providers share: a token counter (the ledger's tokenizer stands in for the
 * provider's) and a prompt cache that behaves like OpenAI's and Gemini's automatic caching:
 * a prefix of 1,024+ tokens seen in the last hour is read from the cache in 128-token steps.
 */
import type { Ledger } from "@tokenledger/core";

export interface ProviderSimulation {
  /** Tokens of `text` for `model`. */
  countTokens(text: string, model: string): Promise<number>;
  /**
   * Cached tokens of `prefix` on `model` at `nowMs` (0 on a miss), and remembers the prefix.
   * Only for providers that cache automatically.
   */
  cachedTokens(model: string, prefix: string, prefixTokens: number, nowMs: number): number;
  now(): number;
}

const CACHE_TTL_MS = 60 * 60_000;
const MIN_CACHED_PREFIX_TOKENS = 1_024;

/** The simulation for one run of the demo. */
export function createProviderSimulation(ledger: Ledger, now: () => number): ProviderSimulation {
  const lastSeenMs = new Map<string, number>();
  return {
    countTokens: (text, model) => ledger.countTokens(text, { model }),
    cachedTokens(model, prefix, prefixTokens, nowMs) {
      if (prefixTokens < MIN_CACHED_PREFIX_TOKENS) return 0;
      const key = `${model}\u0000${prefix}`;
      const seenMs = lastSeenMs.get(key);
      lastSeenMs.set(key, nowMs);
      const hit = seenMs !== undefined && nowMs - seenMs <= CACHE_TTL_MS;
      return hit ? Math.floor(prefixTokens / 128) * 128 : 0;
    },
    now,
  };
}
