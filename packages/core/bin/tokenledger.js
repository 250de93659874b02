#!/usr/bin/env node
// The package's bin. A file of its own, present before any build, so installing the workspace
// links it without a warning; it runs the built CLI.
try {
  await import("../dist/cli/index.js");
} catch (error) {
  const notBuilt =
    error?.code === "ERR_MODULE_NOT_FOUND" && /dist[\\/]cli/.test(String(error.message));
  if (!notBuilt) throw error;
  console.error(
    "tokenledger: the CLI is not built. In this repository run `pnpm tokenledger …` (from source) or `pnpm build` first.",
  );
  process.exitCode = 1;
}
