import { describe, expect, it, vi } from "vitest";

describe("lazy rank tables", () => {
  it("imports no encoding until the first count, then each one once", async () => {
    vi.resetModules();
    const imported: string[] = [];
    const spy =
      (name: string) =>
      async (importOriginal: () => Promise<unknown>): Promise<unknown> => {
        imported.push(name);
        return importOriginal();
      };
    vi.doMock("gpt-tokenizer", spy("gpt-tokenizer (main entry, every encoding)"));
    vi.doMock("gpt-tokenizer/encoding/o200k_base", spy("o200k_base"));
    vi.doMock("gpt-tokenizer/encoding/cl100k_base", spy("cl100k_base"));

    const tokenize = await import("./index.js");
    expect(imported).toEqual([]);
    expect(tokenize.loadedEncodings()).toEqual([]);

    await tokenize.estimateTokens("Hello world", { model: "gpt-4o" });
    expect(imported).toEqual(["o200k_base"]);
    await tokenize.estimateTokens("Hello again", { model: "claude-sonnet-4-5" }); // o200k too
    expect(imported).toEqual(["o200k_base"]);
    await tokenize.estimateTokens("Hello world", { model: "gpt-4-0613" });
    expect(imported).toEqual(["o200k_base", "cl100k_base"]);
    expect(tokenize.loadedEncodings().sort()).toEqual(["cl100k_base", "o200k_base"]);

    vi.doUnmock("gpt-tokenizer");
    vi.doUnmock("gpt-tokenizer/encoding/o200k_base");
    vi.doUnmock("gpt-tokenizer/encoding/cl100k_base");
  });
});
