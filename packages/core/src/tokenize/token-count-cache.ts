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
 *
 * A hit moves its entry to the most recent end only once the entry has drifted into the older
 * half (at least `size / 2` insertions after it): an entry used at least that often is never
 * evicted, as with strict LRU. Moving on every hit would be slow for a text hit on every call
 * (a system prompt): V8 keeps a deleted Map key in its hash chain until the next rehash, so
 * deleting and re-adding the same key on every hit makes each lookup of it scan a chain of
 * thousands of stale slots (~14 µs per hit measured with 5k entries, against 0.03 µs).
 */
export class TokenCountCache {
  /** Insertion-ordered: the first key is the least recently inserted or moved. */
  private readonly counts = new Map<string, CachedCount>();
  /** Insertions and moves so far: an entry's `insertedAt` is this counter at its last move. */
  private insertions = 0;
  private totalChars = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(private readonly limits: TokenCountCacheLimits) {}

  /** The cached count of `text`, marking it recently used; `undefined` on a miss. */
  get(text: string): number | undefined {
    const cached = this.counts.get(text);
    if (cached === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    if (this.insertions - cached.insertedAt >= this.counts.size / 2) {
      // Re-insert: a Map iterates in insertion order, so its first key is the least recent.
      this.counts.delete(text);
      cached.insertedAt = ++this.insertions;
      this.counts.set(text, cached);
    }
    return cached.count;
  }

  /** Stores a count, evicting the least recently used entries beyond the limits. */
  set(text: string, count: number): void {
    if (this.limits.maxEntries <= 0 || text.length > this.limits.maxChars) return;
    if (this.counts.has(text)) return;
    this.counts.set(text, { count, insertedAt: ++this.insertions });
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

/** A cached count and when its entry was last inserted or moved. */
interface CachedCount {
  count: number;
  insertedAt: number;
}
