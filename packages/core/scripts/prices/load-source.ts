import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The MIT text of genai-prices, used only when a source carries no LICENSE file of its own. */
export const GENAI_PRICES_LICENSE: string = `The MIT License (MIT)

Copyright (c) Pydantic Services Inc. 2025 to present

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

/** Raw upstream data plus what is known about where it came from. */
export interface LoadedSource {
  /** genai-prices v2 providers, as parsed (not yet converted). */
  data: unknown;
  readFrom: string;
  /** Label after `genai-prices@` in `priceSource`: a short commit, a version, or `main`. */
  label: string;
  commit?: string;
  date?: string;
  licenseText: string;
  /** Price keys listed in the source's `units.yml`, when it has one. */
  unitPriceKeys?: string[];
  /** npm version, when read from the package. */
  version?: string;
  warnings: string[];
}

const COMMIT_PATTERN = /\b[0-9a-f]{40}\b/;
const DATE_PATTERN = /\b(\d{4}-\d{2}-\d{2})\b/;

/** Reads commit and date from a SOURCE.md-like text: the first 40-hex sha and first date. */
export function parseProvenanceNote(text: string): { commit?: string; date?: string } {
  const commit = COMMIT_PATTERN.exec(text)?.[0];
  const date = DATE_PATTERN.exec(text)?.[1];
  return { ...(commit ? { commit } : {}), ...(date ? { date } : {}) };
}

/** Lists the `price_key:` entries of a units.yml text. */
export function parseUnitPriceKeys(text: string): string[] {
  return [...text.matchAll(/^\s+price_key:\s*([a-z0-9_]+)\s*$/gm)].map((match) => match[1] ?? "");
}

/**
 * Finds `shared/pricing-sources/genai-prices` from a starting folder by walking up: at each
 * ancestor it tries `<ancestor>/shared/…` and `<ancestor>/../shared/…`.
 */
export function findDefaultSourceDir(startDir: string): string | undefined {
  let current = path.resolve(startDir);
  for (;;) {
    for (const candidate of [
      path.join(current, "shared", "pricing-sources", "genai-prices"),
      path.join(current, "..", "shared", "pricing-sources", "genai-prices"),
    ]) {
      if (existsSync(path.join(candidate, "data.json"))) return path.resolve(candidate);
    }
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * A file's path for headers: `../shared/pricing-sources/…` for the shared sources (the same
 * text from the main checkout and from any worktree), else relative to the repository.
 */
export function describeLocalFile(file: string, repoRoot: string): string {
  const normalized = path.resolve(file).split(path.sep).join("/");
  const shared = normalized.indexOf("/shared/pricing-sources/");
  if (shared >= 0) return `..${normalized.slice(shared)}`;
  return path.relative(repoRoot, file).split(path.sep).join("/");
}

function readOptional(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
}

/** Loads `data.json` (+ LICENSE, SOURCE.md, units.yml when present) from a folder. */
export function loadFromDirectory(dir: string, repoRoot: string): LoadedSource {
  const dataFile = existsSync(path.join(dir, "data.json"))
    ? path.join(dir, "data.json")
    : path.join(dir, "prices", "new_data", "v2", "data.json");
  if (!existsSync(dataFile)) throw new Error(`No data.json in ${dir}`);
  const warnings: string[] = [];
  const license = readOptional(path.join(dir, "LICENSE"));
  if (license === undefined)
    warnings.push(`No LICENSE in ${dir}; using the known genai-prices MIT text`);
  const note = readOptional(path.join(dir, "SOURCE.md"));
  const { commit, date } = note ? parseProvenanceNote(note) : {};
  const units =
    readOptional(path.join(dir, "units.yml")) ??
    readOptional(path.join(dir, "prices", "units.yml"));
  const relative = describeLocalFile(dataFile, repoRoot);
  return {
    data: JSON.parse(readFileSync(dataFile, "utf8")),
    readFrom: relative,
    label: commit ? commit.slice(0, 7) : "local",
    ...(commit ? { commit } : {}),
    ...(date ? { date } : {}),
    licenseText: license ?? GENAI_PRICES_LICENSE,
    ...(units ? { unitPriceKeys: parseUnitPriceKeys(units) } : {}),
    warnings,
  };
}

/** Fetches `data.json` from a URL; the LICENSE is fetched from the same GitHub ref when possible. */
export async function loadFromUrl(url: string): Promise<LoadedSource> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const data: unknown = await response.json();
  const warnings: string[] = [];
  const commit = COMMIT_PATTERN.exec(url)?.[0];
  const githubRaw = /^https:\/\/raw\.githubusercontent\.com\/([^/]+)\/([^/]+)\/([^/]+)\//.exec(url);
  let licenseText = GENAI_PRICES_LICENSE;
  if (githubRaw) {
    const licenseUrl = `${githubRaw[0]}LICENSE`;
    const licenseResponse = await fetch(licenseUrl);
    if (licenseResponse.ok) licenseText = await licenseResponse.text();
    else warnings.push(`Could not fetch ${licenseUrl}; using the known genai-prices MIT text`);
  }
  if (!commit) {
    warnings.push(
      "The URL names no commit: the snapshot is not reproducible. Pass a raw URL at a commit sha or --commit.",
    );
  }
  return {
    data,
    readFrom: url,
    label: commit ? commit.slice(0, 7) : (githubRaw?.[3] ?? "remote"),
    ...(commit ? { commit } : {}),
    licenseText,
    warnings,
  };
}

/**
 * Reads the data the npm package `@pydantic/genai-prices` embeds in its code. The package keeps
 * its bundled providers as the initial value of its update promise, so `waitForUpdate()`
 * resolves to them when no update was configured.
 */
export async function loadFromNpm(): Promise<LoadedSource> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve("@pydantic/genai-prices");
  let packageDir = path.dirname(entry);
  while (!existsSync(path.join(packageDir, "package.json"))) {
    const parent = path.dirname(packageDir);
    if (parent === packageDir) throw new Error("Cannot find @pydantic/genai-prices/package.json");
    packageDir = parent;
  }
  const manifest = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as {
    version: string;
  };
  const module = (await import("@pydantic/genai-prices")) as {
    waitForUpdate: () => Promise<unknown>;
  };
  const data = await module.waitForUpdate();
  if (!Array.isArray(data)) throw new Error("@pydantic/genai-prices returned no provider list");
  const license = readOptional(path.join(packageDir, "LICENSE"));
  const warnings = license
    ? []
    : ["The npm package has no LICENSE; using the known genai-prices MIT text"];
  const date = await npmPublishDate("@pydantic/genai-prices", manifest.version);
  if (date === undefined) {
    warnings.push(
      `Could not read the publish date of @pydantic/genai-prices@${manifest.version} from the npm registry; its data date is unknown`,
    );
  }
  return {
    data,
    readFrom: `npm @pydantic/genai-prices@${manifest.version}`,
    label: `npm-${manifest.version}`,
    version: manifest.version,
    ...(date ? { date } : {}),
    licenseText: license ?? GENAI_PRICES_LICENSE,
    warnings,
  };
}

/**
 * The day (`YYYY-MM-DD`, UTC) a package version was published, from the npm registry's
 * metadata (the package carries no date of its own); `undefined` when the registry cannot be
 * reached within 10 s. `NPM_CONFIG_REGISTRY` overrides the registry.
 */
export async function npmPublishDate(name: string, version: string): Promise<string | undefined> {
  const registry = (process.env.NPM_CONFIG_REGISTRY ?? "https://registry.npmjs.org/").replace(
    /\/?$/,
    "/",
  );
  try {
    const response = await fetch(`${registry}${name.replace("/", "%2f")}`, {
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return undefined;
    const metadata = (await response.json()) as { time?: Record<string, string> };
    const published = metadata.time?.[version];
    return published === undefined ? undefined : /^\d{4}-\d{2}-\d{2}/.exec(published)?.[0];
  } catch {
    return undefined;
  }
}
