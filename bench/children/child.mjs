// One measurement in a fresh `node` process; prints one JSON line. Plain JS on purpose:
// no loader (tsx) may run before the measured code. Usage: node child.mjs <mode> [bundle]
//   bare                  – nothing imported (the floor)
//   js-tiktoken           – js-tiktoken getEncoding("o200k_base") from the package root, one encode
//   ours <tokenize.js>    – estimateTokens() from our bundled tokenize entry, one count
//   import <main.js>      – import core's main entry only, no estimate
import { pathToFileURL } from "node:url";

const [mode, bundle] = process.argv.slice(2);
const text = "Hello, world! Counting the first tokens of this process.";
const result = { mode };

if (mode === "js-tiktoken") {
  const { getEncoding } = await import("js-tiktoken");
  result.tokens = getEncoding("o200k_base").encode(text).length;
} else if (mode === "ours") {
  const { estimateTokens } = await import(pathToFileURL(bundle).href);
  result.tokens = (await estimateTokens(text, { model: "gpt-4o" })).inputTokens;
} else if (mode === "import") {
  const core = await import(pathToFileURL(bundle).href);
  result.exports = Object.keys(core).length;
} else if (mode !== "bare") {
  throw new Error(`unknown mode ${mode}`);
}

result.ms = performance.now(); // ms since process start
result.heapUsedMiB = process.memoryUsage().heapUsed / 1048576;
result.maxRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
