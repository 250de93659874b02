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

  it("never evicts a text hit between every insertion (a system prompt)", () => {
    const cache = new TokenCountCache({ maxEntries: 4, maxChars: 1000 });
    cache.set("system", 7);
    for (let index = 0; index < 50; index++) {
      cache.set(`user-${index}`, index);
      expect(cache.get("system")).toBe(7);
    }
    // 50 user texts through 4 slots, "system" kept: 51 inserted − 4 kept = 47 evicted.
    expect(cache.stats()).toMatchObject({ entries: 4, evictions: 47, hits: 50 });
    expect(cache.get("user-49")).toBe(49);
    expect(cache.get("user-45")).toBeUndefined();
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
