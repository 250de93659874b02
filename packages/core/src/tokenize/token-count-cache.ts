/** Bounds of a {@link TokenCountCache}. */
export interface TokenCountCacheLimits {
  /** Most entries kept. 0 disables caching. */
  maxEntries: number;
  /** Most characters of keys kept, summed over entries. */
  maxChars: number;
}

/** Counters of one cache, for tests and tuning. */
export interface TokenCountCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
  chars: number;
}

/**
 * A least-recently-used map from text to its token count, bounded by entries and by total
 * characters. Keyed by the string itself: V8 hashes a string once (in C++, cached on the
 * string) and compares on a hit. Measured on 1k–100k-char strings this costs as much as or
 * less than sha1 from node:crypto and 2–20× less than an FNV-1a loop in JS, with no collision
 * risk and no runtime dependency (see docs/decisions/0002-default-tokenizer.md).
 */
export class TokenCountCache {
  private readonly counts = new Map<string, number>();
  private totalChars = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly limits: TokenCountCacheLimits) {}

  /** The cached count of `text`, marking it recently used; `undefined` on a miss. */
  get(text: string): number | undefined {
    const count = this.counts.get(text);
    if (count === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Re-insert: a Map iterates in insertion order, so its first key is the least recent.
    this.counts.delete(text);
    this.counts.set(text, count);
    return count;
  }

  /** Stores a count, evicting the least recently used entries beyond the limits. */
  set(text: string, count: number): void {
    if (this.limits.maxEntries <= 0 || text.length > this.limits.maxChars) return;
    if (this.counts.has(text)) return;
    this.counts.set(text, count);
    this.totalChars += text.length;
    while (this.counts.size > this.limits.maxEntries || this.totalChars > this.limits.maxChars) {
      const oldest = this.counts.keys().next();
      if (oldest.done === true) break;
      this.counts.delete(oldest.value);
      this.totalChars -= oldest.value.length;
      this.evictions++;
    }
  }

  /** Forgets every entry (counters are kept). */
  clear(): void {
    this.counts.clear();
    this.totalChars = 0;
  }

  stats(): TokenCountCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: this.counts.size,
      chars: this.totalChars,
    };
  }
}
