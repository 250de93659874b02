import { defineConfig } from "tsup";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "testing/index": "src/testing/index.ts",
    "redis/index": "src/store/redis/index.ts",
    "postgres/index": "src/store/postgres/index.ts",
    "tokenizers/js-tiktoken": "src/tokenize/js-tiktoken.ts",
    "otel/index": "src/otel/index.ts",
    "alerts/index": "src/alerts/index.ts",
    "reconcile/index": "src/reconcile/index.ts",
    "tokenizers/gpt-tokenizer": "src/tokenize/gpt-tokenizer.ts",
    "cli/index": "src/cli/index.ts",
    "tokenize/default-tokenizer": "src/tokenize/default-tokenizer.ts",
    "tokenize/default-tokenizer-edge": "src/tokenize/default-tokenizer-edge.ts",
  },
  // Resolved by the app's bundler or runtime (package.json "imports"): Node gets gpt-tokenizer,
  // edge and browser builds the table-free estimator.
  external: ["#default-tokenizer"],
  tsconfig: "tsconfig.build.json",
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  splitting: true,
});
