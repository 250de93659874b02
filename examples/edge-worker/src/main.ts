/**
 * Runs src/worker.ts on Cloudflare's workerd (through miniflare, offline): bundles it the way
 * wrangler would (the `workerd` export condition, so no tokenizer table is bundled), then
 * sends one user three questions. gpt-4o-mini: $0.15/M input, $0.60/M output (genai-prices);
 * each answer costs 1,000 × 0.15 + 500 × 0.60 = $0.00045, and each call holds its 500 output
 * tokens ($0.0003) plus its input. The $0.001 daily budget admits two; the third is refused.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";

const bundled = await build({
  entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))],
  bundle: true,
  write: false,
  format: "esm",
  platform: "browser",
  conditions: ["@tokenledger/source", "workerd", "worker", "browser"],
  logLevel: "warning",
});
const script = bundled.outputFiles[0]?.text ?? "";
console.log(
  `Worker bundle: ${(script.length / 1024).toFixed(0)} KB unminified, ai included, no tokenizer table`,
);

const worker = new Miniflare({ modules: true, script, compatibilityDate: "2025-09-01" });
try {
  const statuses: number[] = [];
  for (let question = 1; question <= 3; question++) {
    const response = await worker.dispatchFetch("http://worker.local/?user=ada");
    statuses.push(response.status);
    console.log(`question ${question}: ${response.status}`, await response.json());
  }
  const status = await worker.dispatchFetch("http://worker.local/status?user=ada");
  console.log("status:", await status.json());
  if (statuses.join(",") !== "200,200,402") {
    throw new Error(`Expected 200, 200, 402; got ${statuses.join(", ")}`);
  }
} finally {
  await worker.dispose();
}
