import { countTokens as rawO200k } from "gpt-tokenizer/encoding/o200k_base";
import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import {
  clearTokenCache,
  configureTokenCache,
  countTextTokens,
  tokenCacheStats,
} from "./count-text-tokens.js";
import type { Tokenizer } from "./tokenizer.js";

/** A tokenizer that counts words and remembers how often it was asked. */
function wordTokenizer(): Tokenizer & { calls: number } {
  const tokenizer = {
    name: "words",
    encoding: "words",
    calls: 0,
    count(text: string): number {
      tokenizer.calls++;
      return text.split(/\s+/).filter(Boolean).length;
    },
  };
  return tokenizer;
}

describe("countTextTokens", () => {
  it("tokenizes repeated long text once", () => {
    const tokenizer = wordTokenizer();
    const systemPrompt = "You are a careful assistant. ".repeat(400);
    expect(countTextTokens(systemPrompt, tokenizer)).toBe(5 * 400);
    expect(countTextTokens(systemPrompt, tokenizer)).toBe(5 * 400);
    // A different string object with the same content hits too.
    expect(countTextTokens(`${systemPrompt}`.slice(0), tokenizer)).toBe(2000);
    expect(tokenizer.calls).toBe(1);
    expect(tokenCacheStats(tokenizer)).toMatchObject({ hits: 2, misses: 1, entries: 1 });
  });

  it("counts short text directly, without caching", () => {
    const tokenizer = wordTokenizer();
    countTextTokens("hi there", tokenizer);
    countTextTokens("hi there", tokenizer);
    expect(tokenizer.calls).toBe(2);
    expect(tokenCacheStats(tokenizer)).toMatchObject({ hits: 0, misses: 0, entries: 0 });
  });

  it("keeps one cache per tokenizer, cleared on demand", () => {
    const first = wordTokenizer();
    const second = wordTokenizer();
    const text = "one two three four five six seven eight nine ten eleven";
    countTextTokens(text, first);
    countTextTokens(text, second);
    expect(second.calls).toBe(1);
    clearTokenCache(first);
    expect(tokenCacheStats(first).entries).toBe(0);
    expect(tokenCacheStats(second).entries).toBe(1);
    clearTokenCache();
    expect(tokenCacheStats(second).entries).toBe(0);
  });

  it("splits adversarial runs before counting", () => {
    const tokenizer: Tokenizer = {
      name: "raw",
      encoding: "o200k_base",
      count: (text) => rawO200k(text),
    };
    const calls: number[] = [];
    const spying: Tokenizer = {
      ...tokenizer,
      count: (text) => {
        calls.push(text.length);
        return tokenizer.count(text);
      },
    };
    countTextTokens("b".repeat(1000), spying);
    expect(Math.max(...calls)).toBeLessThanOrEqual(256);
  });

  it("rejects bad cache options", () => {
    expect(() => configureTokenCache({ maxEntries: -1 })).toThrow(InvalidConfigError);
    expect(() => configureTokenCache({ maxChars: 1.5 })).toThrow(/integer/);
  });
});
