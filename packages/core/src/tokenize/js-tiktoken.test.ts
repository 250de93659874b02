import { getEncoding } from "js-tiktoken";
import { describe, expect, it } from "vitest";
import { jsTiktokenTokenizer } from "./js-tiktoken.js";

describe("jsTiktokenTokenizer", () => {
  it("counts like js-tiktoken's own encode", async () => {
    const tokenizer = await jsTiktokenTokenizer("cl100k_base");
    expect(tokenizer).toMatchObject({ name: "js-tiktoken", encoding: "cl100k_base" });
    expect(tokenizer.count("Hello world")).toBe(2); // [9906, 1917]
    const text = "Tokenizers split text into pieces; 12345 and ünïcødé too.";
    expect(tokenizer.count(text)).toBe(getEncoding("cl100k_base").encode(text).length);
  });

  it("counts special-token text as text", async () => {
    const tokenizer = await jsTiktokenTokenizer("o200k_base");
    const text = "x <|endoftext|> y";
    expect(() => getEncoding("o200k_base").encode(text)).toThrow();
    expect(tokenizer.count(text)).toBe(getEncoding("o200k_base").encode(text, [], []).length);
  });
});
