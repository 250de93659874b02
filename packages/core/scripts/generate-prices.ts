/**
 * Generates the bundled price catalog from genai-prices v2 data (primary) and LiteLLM's price
 * map (secondary: limits, service tiers, audio, web search). Precedence: scripts/prices/README.md.
 *
 *   pnpm prices:generate                      # the newer of @pydantic/genai-prices (npm) and
 *                                             # ../shared/pricing-sources/genai-prices
 *   pnpm prices:generate --source <dir>       # a folder with data.json (+ LICENSE, SOURCE.md)
 *   pnpm prices:generate --source <url>       # a raw data.json URL (pin a commit sha)
 *   pnpm prices:generate --source npm         # the data embedded in @pydantic/genai-prices
 *   pnpm prices:generate --litellm <dir|none> # LiteLLM map folder (default ../shared/pricing-sources/litellm)
 *   options: --commit <sha> --date <YYYY-MM-DD> --out <dir> --check
 *
 * Writes src/pricing/catalog.generated.ts, src/pricing/catalog-conflicts.generated.md and
 * src/pricing/PRICES-LICENSE.md, and prints every conflict between the sources. Same input gives
 * byte-identical output; `--check` exits 1 when the committed files differ from a fresh run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogSnapshot, SnapshotSource } from "../src/pricing/catalog-snapshot.js";
import { convertGenaiPrices, PriceDataError } from "./prices/convert-genai-prices.js";
import { fillLimits } from "./prices/fill-limits.js";
import { findLitellmDir, type LoadedLitellm, loadLitellm } from "./prices/load-litellm.js";
import {
  findDefaultSourceDir,
  type LoadedSource,
  loadFromDirectory,
  loadFromNpm,
  loadFromUrl,
} from "./prices/load-source.js";
import { matchLitellmEntries } from "./prices/match-litellm-entries.js";
import { mergeSecondarySource } from "./prices/merge-secondary-source.js";
import { upstreamPriceCorrections } from "./prices/price-correction.js";
import { priceKindForKey } from "./prices/price-kind-for-key.js";
import { renderCatalogModule, renderLicenseFile } from "./prices/render-catalog.js";
import { conflictLines, renderConflictReport } from "./prices/render-conflict-report.js";
import { newerSource } from "./prices/select-newer-source.js";

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(scriptDir, "..");
const repoRoot = path.resolve(packageDir, "..", "..");

/** Relative paths are taken from where `pnpm prices:generate` was run (pnpm sets INIT_CWD). */
const invocationDir = process.env.INIT_CWD ?? process.cwd();

interface Arguments {
  source?: string;
  litellm?: string;
  commit?: string;
  date?: string;
  out: string;
  check: boolean;
}

function parseArguments(argv: readonly string[]): Arguments {
  const parsed: Arguments = { out: path.join(packageDir, "src", "pricing"), check: false };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = (): string => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    if (flag === "--source") parsed.source = value();
    else if (flag === "--litellm") parsed.litellm = value();
    else if (flag === "--commit") parsed.commit = value();
    else if (flag === "--date") parsed.date = value();
    else if (flag === "--out") parsed.out = path.resolve(invocationDir, value());
    else if (flag === "--check") parsed.check = true;
    else if (flag === "--") continue;
    else
      throw new Error(
        `Unknown option ${flag}. Options: --source <dir|url|npm> --litellm <dir|none> --commit --date --out --check`,
      );
  }
  return parsed;
}

async function load(source: string | undefined): Promise<LoadedSource> {
  if (source === "npm") return loadFromNpm();
  if (source !== undefined && /^https?:\/\//.test(source)) return loadFromUrl(source);
  if (source !== undefined) return loadFromDirectory(path.resolve(invocationDir, source), repoRoot);
  const dir = findDefaultSourceDir(scriptDir);
  const npm = await loadFromNpm();
  if (dir === undefined) return npm;
  return newerSource(loadFromDirectory(dir, repoRoot), npm);
}

function loadSecondary(option: string | undefined): LoadedLitellm | undefined {
  if (option === "none") return undefined;
  const dir =
    option !== undefined ? path.resolve(invocationDir, option) : findLitellmDir(scriptDir);
  if (dir === undefined) {
    throw new Error(
      "Cannot find ../shared/pricing-sources/litellm from the repository; pass --litellm <dir | none>",
    );
  }
  return loadLitellm(dir, repoRoot);
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const loaded = await load(options.source);
  const commit = options.commit ?? loaded.commit;
  const date = options.date ?? loaded.date;
  for (const key of loaded.unitPriceKeys ?? []) {
    if (priceKindForKey(key) === undefined) {
      throw new PriceDataError([
        `units.yml lists price key "${key}" that src/pricing/price-kind.ts does not know`,
      ]);
    }
  }
  const converted = convertGenaiPrices(loaded.data, upstreamPriceCorrections);
  const { appliedCorrections, staleCorrections } = converted;
  const secondary = loadSecondary(options.litellm);
  const merge = mergeSecondarySource(
    converted.providers,
    secondary ? matchLitellmEntries(converted.providers, secondary.entries) : [],
    date,
  );
  const limits = fillLimits(merge.providers);
  const providers = limits.providers;
  const label = options.commit ? options.commit.slice(0, 7) : loaded.label;
  const sources: SnapshotSource[] = [
    {
      name: "genai-prices",
      readFrom: loaded.readFrom,
      ...(loaded.version ? { version: loaded.version } : {}),
      ...(commit ? { commit } : {}),
      ...(date ? { date } : {}),
      used: "every price, match rule, price history and context window (primary)",
    },
    ...(secondary
      ? [
          {
            name: "litellm",
            readFrom: secondary.readFrom,
            ...(secondary.commit ? { commit: secondary.commit } : {}),
            ...(secondary.date ? { date: secondary.date } : {}),
            used: "max output tokens, missing context windows, service tiers, audio and web-search prices (secondary)",
          },
        ]
      : []),
  ];
  const snapshot: CatalogSnapshot = {
    source: `genai-prices@${label}`,
    ...(commit ? { commit } : {}),
    ...(date ? { date } : {}),
    sources,
    providers,
  };
  const provenance = {
    readFrom: loaded.readFrom,
    ...(commit ? { commit } : {}),
    ...(date ? { date } : {}),
    licenseText: loaded.licenseText,
    appliedCorrections,
    sources,
    ...(secondary ? { secondaryLicenseText: secondary.licenseText } : {}),
  };
  const files = [
    {
      file: path.join(options.out, "catalog.generated.ts"),
      text: renderCatalogModule(snapshot, provenance),
    },
    {
      file: path.join(options.out, "catalog-conflicts.generated.md"),
      text: renderConflictReport(sources, merge, limits),
    },
    { file: path.join(options.out, "PRICES-LICENSE.md"), text: renderLicenseFile(provenance) },
  ];
  for (const warning of loaded.warnings) console.warn(`warning: ${warning}`);
  for (const source of sources) {
    console.log(
      `source ${source.name}: ${source.readFrom}${source.date ? ` (${source.date})` : ""}`,
    );
  }
  const lines = conflictLines(merge);
  console.log(`${lines.length} conflicts between sources:`);
  for (const line of lines) console.log(`  ${line}`);
  console.log(
    `filled from LiteLLM: ${merge.filled.length} models; batch derived by provider rule: ${merge.derived.length}; LiteLLM tiers not taken: ${merge.skipped.length}`,
  );
  for (const note of limits.corrected)
    console.log(`  limit corrected: ${note.provider}/${note.model} ${note.note}`);
  console.log(`limits copied from the model's maker: ${limits.copied.length}`);
  for (const correction of staleCorrections) {
    console.warn(
      `warning: correction for ${correction.provider}/${correction.model} ${correction.key} no longer applies (upstream value changed); remove it from scripts/prices/price-correction.ts`,
    );
  }
  const modelCount = providers.reduce((sum, provider) => sum + provider.models.length, 0);
  if (options.check) {
    const stale = files.filter(
      ({ file, text }) => !existsSync(file) || readFileSync(file, "utf8") !== text,
    );
    for (const { file } of stale)
      console.error(`out of date: ${path.relative(process.cwd(), file)}`);
    if (stale.length > 0) process.exitCode = 1;
    else console.log(`up to date: ${providers.length} providers, ${modelCount} models`);
    return;
  }
  mkdirSync(options.out, { recursive: true });
  for (const { file, text } of files) {
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)} (${Buffer.byteLength(text)} bytes)`);
  }
  console.log(`${snapshot.source}: ${providers.length} providers, ${modelCount} models`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
