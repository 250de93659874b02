import { countTokens as rawO200k } from "gpt-tokenizer/encoding/o200k_base";
import { getEncoding } from "js-tiktoken";
import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { gptTokenizer } from "./gpt-tokenizer.js";
import type { EncodingName } from "./tokenizer.js";

describe("gptTokenizer", () => {
  it("counts known strings", async () => {
    const o200k = await gptTokenizer("o200k_base");
    const cl100k = await gptTokenizer("cl100k_base");
    // Published tiktoken ids: o200k "Hello world" = [13225, 2375]; cl100k = [9906, 1917].
    expect(o200k.count("Hello world")).toBe(2);
    expect(cl100k.count("Hello world")).toBe(2);
    expect(o200k.count("")).toBe(0);
    expect(o200k).toMatchObject({ name: "gpt-tokenizer", encoding: "o200k_base" });
  });

  it("counts special-token text as ordinary text instead of throwing", async () => {
    const text = "before <|endoftext|> after <|im_start|>";
    // The raw library refuses it by default: proof these are special tokens.
    expect(() => rawO200k(text)).toThrow(/special token/i);
    const tokenizer = await gptTokenizer("o200k_base");
    // Independent oracle: js-tiktoken with empty allow/disallow lists (text mode).
    expect(tokenizer.count(text)).toBe(getEncoding("o200k_base").encode(text, [], []).length);
    expect(tokenizer.count("<|endoftext|>")).toBeGreaterThan(1);
  });

  it("loads each encoding once", async () => {
    const [first, second] = await Promise.all([
      gptTokenizer("cl100k_base"),
      gptTokenizer("cl100k_base"),
    ]);
    expect(first).toBe(second);
  });

  it("rejects an unknown encoding with a typed error", async () => {
    await expect(gptTokenizer("o300k" as EncodingName)).rejects.toSatisfy(
      (error: unknown) => InvalidConfigError.isInstance(error) && /o200k_base/.test(String(error)),
    );
  });
});
