import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

const nodeBuiltins = new Set(builtinModules);

/** Records (and keeps external) every import of a Node built-in, with the file importing it. */
function nodeBuiltinSpy(found: string[]): Plugin {
  return {
    name: "node-builtin-spy",
    setup(plugin) {
      plugin.onResolve({ filter: /.*/ }, (args) => {
        const bare = args.path.replace(/^node:/, "");
        if (!args.path.startsWith("node:") && !nodeBuiltins.has(bare.split("/")[0] ?? "")) {
          return undefined;
        }
        found.push(`${args.path} (from ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
}

const sourceFile = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Peers an app brings itself; not part of what these packages add to a bundle. */
const peers = ["ai", "@ai-sdk/*", "@langchain/core", "@langchain/core/*"];

/**
 * Core's main entry and both adapters run on any platform (Vercel Edge, Cloudflare workerd,
 * Deno, browsers): bundled with esbuild for `neutral` (no Node built-ins known), not one import
 * of a Node built-in may remain. AsyncLocalStorage is looked up at run time instead.
 */
describe("bundled for the edge", () => {
  it.each([
    ["@tokenledger/core", "./index.ts"],
    ["@tokenledger/ai-sdk", "../../ai-sdk/src/index.ts"],
    ["@tokenledger/langchain", "../../langchain/src/index.ts"],
  ])("%s imports no Node built-in", async (_name, entry) => {
    const found: string[] = [];
    await build({
      entryPoints: [sourceFile(entry)],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      conditions: ["@tokenledger/source", "workerd", "worker", "browser"],
      external: peers,
      plugins: [nodeBuiltinSpy(found)],
      logLevel: "silent",
    });
    expect(found).toEqual([]);
  });

  it.each([
    ["one file (wrangler, Vercel Edge)", false],
    ["split chunks", true],
  ])("reaches no rank table from the main entry (%s)", async (_name, splitting) => {
    const result = await build({
      stdin: {
        contents:
          'export { createLedger, memoryStore, estimateTokens, gptTokenizer } from "@tokenledger/core";',
        resolveDir: sourceFile("."),
      },
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "browser",
      splitting,
      outdir: "out",
      conditions: ["@tokenledger/source", "workerd", "worker", "browser"],
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => /gpt-tokenizer|js-tiktoken|bpeRanks/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.endsWith("char-estimate-tokenizer.ts"))).toBe(true);
  });

  it("splits each rank table into its own chunk when gptTokenizer comes from its subpath", async () => {
    const result = await build({
      stdin: {
        contents: 'export { gptTokenizer } from "@tokenledger/core/tokenizers/gpt-tokenizer";',
        resolveDir: sourceFile("."),
      },
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "browser",
      splitting: true,
      outdir: "out",
      conditions: ["@tokenledger/source", "workerd", "worker", "browser"],
      logLevel: "silent",
    });
    const entry = Object.values(result.metafile.outputs).find((output) => output.entryPoint);
    const lazyChunks = (entry?.imports ?? []).filter((entry) => entry.kind === "dynamic-import");
    // o200k_base, cl100k_base, p50k_base, r50k_base: one chunk each, none in the entry itself.
    expect(lazyChunks).toHaveLength(4);
    expect(Object.keys(entry?.inputs ?? {}).filter((path) => /bpeRanks/.test(path))).toEqual([]);
  });
});
