import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@tokenledger/source"] },
  ssr: { resolve: { conditions: ["@tokenledger/source"] } },
  test: {
    name: "core",
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts", "faults/**/*.test.ts"],
    testTimeout: 20_000,
    // Hooks start real servers, PGlite and Chromium: on a loaded 2-core machine that takes far
    // longer than vitest's 10 s default (a new user's first `pnpm test` failed on it).
    hookTimeout: 120_000,
  },
});
