import { createRequire } from "node:module";
import { join } from "node:path";

interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<unknown>;
}

/** esbuild (the compiler tsup and tsx use), resolved through tsx, which bench already runs on. */
async function loadEsbuild(rootDir: string): Promise<EsbuildLike> {
  const fromRoot = createRequire(join(rootDir, "package.json"));
  const fromTsx = createRequire(fromRoot.resolve("tsx/package.json"));
  return (await import(fromTsx.resolve("esbuild"))) as EsbuildLike;
}

/**
 * Bundles a core entry the way tsup ships it (ESM, code-split so dynamic imports stay lazy,
 * tokenizer packages external) into bench/results/.cache/ (git- and lint-ignored), where node resolves them from
 * bench/node_modules. `external` adds packages left out (peers such as `ai`). Returns the output
 * file path.
 */
export async function bundleCoreEntry(
  rootDir: string,
  benchDir: string,
  name: string,
  entry: string,
  external: readonly string[] = [],
): Promise<string> {
  const esbuild = await loadEsbuild(rootDir);
  const outdir = join(benchDir, "results", ".cache", name);
  await esbuild.build({
    entryPoints: { [name]: join(rootDir, entry) },
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["@tokenledger/source"],
    external: ["gpt-tokenizer", "gpt-tokenizer/*", "js-tiktoken", "js-tiktoken/*", ...external],
    logLevel: "silent",
  });
  return join(outdir, `${name}.js`);
}
