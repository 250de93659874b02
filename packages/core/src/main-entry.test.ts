import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/**
 * Core's main entry must stay light: no database client, no tokenizer rank table, no CLI or
 * browser tooling, no schema library (options are checked by the small helpers in
 * `validation/`). Tokenizers may only be reached through a dynamic `import()` (loaded on the
 * first estimate). Checked on the real bundle graph esbuild builds from src/index.ts.
 */
describe("the main entry of @tokenledger/core", () => {
  it("statically imports nothing heavy, and loads tokenizers only on demand", async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL("./index.ts", import.meta.url))],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "node",
      conditions: ["@tokenledger/source"],
      packages: "external",
      logLevel: "silent",
    });
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
    const staticImports = new Set(
      imports.filter((entry) => entry.kind === "import-statement").map((entry) => entry.path),
    );
    const dynamicImports = new Set(
      imports.filter((entry) => entry.kind === "dynamic-import").map((entry) => entry.path),
    );
    const forbidden =
      /^(gpt-tokenizer|js-tiktoken|tiktoken|ioredis|redis|pg|postgres|@electric-sql\/pglite|commander|playwright-core|zod)(\/|$)/;
    expect([...staticImports].filter((path) => forbidden.test(path))).toEqual([]);
    expect([...dynamicImports].some((path) => path.startsWith("gpt-tokenizer/"))).toBe(true);
  });
});
