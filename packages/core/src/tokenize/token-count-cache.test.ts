import { describe, expect, it } from "vitest";
import { TokenCountCache } from "./token-count-cache.js";

describe("TokenCountCache", () => {
  it("evicts the least recently used entry beyond maxEntries", () => {
    const cache = new TokenCountCache({ maxEntries: 2, maxChars: 1000 });
    cache.set("alpha", 1);
    cache.set("bravo", 2);
    expect(cache.get("alpha")).toBe(1); // alpha is now the most recent
    cache.set("charlie", 3);
    expect(cache.get("bravo")).toBeUndefined();
    expect(cache.get("alpha")).toBe(1);
    expect(cache.get("charlie")).toBe(3);
    expect(cache.stats()).toMatchObject({ entries: 2, evictions: 1, hits: 3, misses: 1 });
  });

  it("bounds the total characters kept", () => {
    const cache = new TokenCountCache({ maxEntries: 100, maxChars: 10 });
    cache.set("aaaaaa", 1);
    cache.set("bbbbbb", 1); // 6 + 6 = 12 > 10 → aaaaaa goes
    expect(cache.stats()).toMatchObject({ entries: 1, chars: 6 });
    cache.set("c".repeat(11), 1); // longer than the whole budget: not kept
    expect(cache.stats()).toMatchObject({ entries: 1, chars: 6 });
  });

  it("keeps nothing when maxEntries is 0", () => {
    const cache = new TokenCountCache({ maxEntries: 0, maxChars: 1000 });
    cache.set("alpha", 1);
    expect(cache.get("alpha")).toBeUndefined();
  });
});
