import { pathToFileURL } from "node:url";
import { bundleCoreEntry } from "./bundle-core.js";
import type { BenchContext } from "./types.js";

/** What `lib/subjects.ts` exports: our packages' entry points under test. */
export type Subjects = typeof import("./subjects.js");

/** Peers a user installs next to our packages: resolved from bench/node_modules, not bundled. */
const PEERS = ["ai", "ai/*", "@ai-sdk/*", "@langchain/core", "@langchain/core/*", "langchain"];

let loading: Promise<Subjects> | undefined;

/**
 * Bundles `lib/subjects.ts` (core, ai-sdk and langchain from source, peers external) into
 * bench/results/.cache/ and imports it; once per process.
 */
export function loadSubjects(context: BenchContext): Promise<Subjects> {
  loading ??= bundleCoreEntry(
    context.rootDir,
    context.benchDir,
    "subjects",
    "bench/lib/subjects.ts",
    PEERS,
  ).then(async (file) => (await import(pathToFileURL(file).href)) as Subjects);
  return loading;
}
