import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** Export conditions each runtime's own bundler uses (Next.js/Vercel Edge, wrangler). */
const runtimeConditions = {
  "edge-runtime": ["edge-light", "worker", "browser"],
  workerd: ["workerd", "worker", "browser"],
} as const;

/**
 * Bundles the budget scenario the way an app's bundler would for `runtime`: one file, that
 * runtime's export conditions, nothing external. `iife` assigns the module to
 * `globalThis.scenario` (edge-runtime evaluates scripts); `esm` is a Worker module whose
 * `fetch` answers with the scenario's result as JSON.
 */
export async function bundleScenario(
  runtime: keyof typeof runtimeConditions,
  format: "iife" | "esm",
): Promise<string> {
  const scenario = fileURLToPath(new URL("./budget-scenario.ts", import.meta.url));
  const contents =
    format === "iife"
      ? `export { runBudgetScenario } from ${JSON.stringify(scenario)};`
      : `import { runBudgetScenario } from ${JSON.stringify(scenario)};
export default { async fetch() { return Response.json(await runBudgetScenario()); } };`;
  const result = await build({
    stdin: { contents, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts" },
    bundle: true,
    write: false,
    format,
    ...(format === "iife" ? { globalName: "scenario" } : {}),
    platform: "browser",
    target: "es2022",
    conditions: ["@tokenledger/source", ...runtimeConditions[runtime]],
    logLevel: "silent",
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error("esbuild produced no output");
  return output.text;
}
