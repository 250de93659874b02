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
    "cli/index": "src/cli/index.ts",
  },
  tsconfig: "tsconfig.build.json",
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  splitting: true,
});
