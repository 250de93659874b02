import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** Most gzipped bytes the middleware, core and the memory store may add to an edge bundle. */
const EDGE_BUDGET_GZIP_BYTES = 150 * 1024;

describe("the AI SDK middleware bundled for the edge", () => {
  it.each([
    ["Cloudflare (workerd)", ["workerd", "worker", "browser"]],
    ["Vercel Edge (edge-light)", ["edge-light", "worker", "browser"]],
  ])("fits in 150 KB gzipped with no rank table: %s", async (_name, conditions) => {
    const result = await build({
      stdin: {
        contents: [
          'export { ledgerMiddleware } from "@tokenledger/ai-sdk";',
          'export { createLedger, memoryStore } from "@tokenledger/core";',
        ].join("\n"),
        resolveDir: fileURLToPath(new URL(".", import.meta.url)),
        loader: "ts",
      },
      bundle: true,
      write: false,
      metafile: true,
      minify: true,
      format: "esm",
      platform: "browser",
      splitting: true,
      outdir: "out",
      conditions: ["@tokenledger/source", ...conditions],
      // The app's own `ai` (a peer) is not what this package adds.
      external: ["ai", "@ai-sdk/*"],
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => /bpeRanks|gpt-tokenizer|js-tiktoken/.test(path))).toEqual([]);
    const gzipBytes = result.outputFiles.reduce(
      (sum, file) => sum + gzipSync(file.contents, { level: 9 }).length,
      0,
    );
    expect(gzipBytes).toBeGreaterThan(10 * 1024); // the bundle is real, not empty
    expect(gzipBytes).toBeLessThanOrEqual(EDGE_BUDGET_GZIP_BYTES);
  });
});
