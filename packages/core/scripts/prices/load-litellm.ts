import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describeLocalFile, parseProvenanceNote } from "./load-source.js";

/** One entry of LiteLLM's `model_prices_and_context_window.json` (only the fields read here). */
export type LitellmEntry = Readonly<Record<string, unknown>> & {
  readonly litellm_provider?: string;
  readonly mode?: string;
};

/** LiteLLM's price map with where it came from. */
export interface LoadedLitellm {
  /** Entries by key (the `sample_spec` entry and non-object keys dropped). */
  entries: ReadonlyMap<string, LitellmEntry>;
  readFrom: string;
  commit?: string;
  /** `last_updated` of the map (`YYYY-MM-DD`), else the date in SOURCE.md. */
  date?: string;
  licenseText: string;
}

/**
 * Finds `shared/pricing-sources/litellm` from a starting folder by walking up (like the
 * genai-prices folder).
 */
export function findLitellmDir(startDir: string): string | undefined {
  let current = path.resolve(startDir);
  for (;;) {
    for (const candidate of [
      path.join(current, "shared", "pricing-sources", "litellm"),
      path.join(current, "..", "shared", "pricing-sources", "litellm"),
    ]) {
      if (existsSync(path.join(candidate, "model_prices_and_context_window.json"))) {
        return path.resolve(candidate);
      }
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Loads LiteLLM's price map (+ LICENSE and SOURCE.md) from a folder. */
export function loadLitellm(dir: string, repoRoot: string): LoadedLitellm {
  const file = path.join(dir, "model_prices_and_context_window.json");
  const raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const entries = new Map<string, LitellmEntry>();
  for (const [key, value] of Object.entries(raw)) {
    if (key === "sample_spec" || typeof value !== "object" || value === null) continue;
    entries.set(key, value as LitellmEntry);
  }
  const licenseFile = path.join(dir, "LICENSE");
  if (!existsSync(licenseFile)) {
    throw new Error(`${dir} has no LICENSE: LiteLLM data must travel with its MIT license`);
  }
  const noteFile = path.join(dir, "SOURCE.md");
  const note = existsSync(noteFile) ? parseProvenanceNote(readFileSync(noteFile, "utf8")) : {};
  const lastUpdated =
    typeof raw.last_updated === "string" ? /^\d{4}-\d{2}-\d{2}/.exec(raw.last_updated)?.[0] : "";
  const date = lastUpdated || note.date;
  return {
    entries,
    readFrom: describeLocalFile(file, repoRoot),
    ...(note.commit ? { commit: note.commit } : {}),
    ...(date ? { date } : {}),
    licenseText: readFileSync(licenseFile, "utf8"),
  };
}
