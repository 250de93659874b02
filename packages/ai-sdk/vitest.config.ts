import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@tokenledger/source"] },
  ssr: { resolve: { conditions: ["@tokenledger/source"] } },
  test: {
    name: "ai-sdk",
    include: ["src/**/*.test.ts"],
    testTimeout: 20_000,
  },
});
