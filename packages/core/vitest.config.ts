import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@tokenledger/source"] },
  ssr: { resolve: { conditions: ["@tokenledger/source"] } },
  test: {
    name: "core",
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
