import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", "otel/index": "src/otel/index.ts" },
  tsconfig: "tsconfig.build.json",
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
