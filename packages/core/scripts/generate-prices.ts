/**
 * Generates the bundled price catalog from genai-prices v2 data:
 *
 *   pnpm prices:generate                      # ../shared/pricing-sources/genai-prices (default)
 *   pnpm prices:generate --source <dir>       # a folder with data.json (+ LICENSE, SOURCE.md)
 *   pnpm prices:generate --source <url>       # a raw data.json URL (pin a commit sha)
 *   pnpm prices:generate --source npm         # the data embedded in @pydantic/genai-prices
 *   options: --commit <sha> --date <YYYY-MM-DD> --out <dir> --check
 *
 * Writes src/pricing/catalog.generated.ts and src/pricing/PRICES-LICENSE.md. Same input gives
 * byte-identical output; `--check` exits 1 when the committed files differ from a fresh run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogSnapshot } from "../src/pricing/catalog-snapshot.js";
import { convertGenaiPrices, PriceDataError } from "./prices/convert-genai-prices.js";
import {
  findDefaultSourceDir,
  type LoadedSource,
  loadFromDirectory,
  loadFromNpm,
  loadFromUrl,
} from "./prices/load-source.js";
import { upstreamPriceCorrections } from "./prices/price-correction.js";
import { priceKindForKey } from "./prices/price-kind-for-key.js";
import { renderCatalogModule, renderLicenseFile } from "./prices/render-catalog.js";

const scriptDir = path.dirname(fileURLToPath(import.meta.url));
const packageDir = path.resolve(scriptDir, "..");
const repoRoot = path.resolve(packageDir, "..", "..");

/** Relative paths are taken from where `pnpm prices:generate` was run (pnpm sets INIT_CWD). */
const invocationDir = process.env.INIT_CWD ?? process.cwd();

interface Arguments {
  source?: string;
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
    else if (flag === "--commit") parsed.commit = value();
    else if (flag === "--date") parsed.date = value();
    else if (flag === "--out") parsed.out = path.resolve(invocationDir, value());
    else if (flag === "--check") parsed.check = true;
    else if (flag === "--") continue;
    else
      throw new Error(
        `Unknown option ${flag}. Options: --source <dir|url|npm> --commit --date --out --check`,
      );
  }
  return parsed;
}

async function load(source: string | undefined): Promise<LoadedSource> {
  if (source === "npm") return loadFromNpm();
  if (source !== undefined && /^https?:\/\//.test(source)) return loadFromUrl(source);
  const dir =
    source !== undefined ? path.resolve(invocationDir, source) : findDefaultSourceDir(scriptDir);
  if (dir === undefined) {
    throw new Error(
      "Cannot find ../shared/pricing-sources/genai-prices from the repository; pass --source <dir | url | npm>",
    );
  }
  return loadFromDirectory(dir, repoRoot);
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
  const { providers, appliedCorrections, staleCorrections } = convertGenaiPrices(
    loaded.data,
    upstreamPriceCorrections,
  );
  const label = options.commit ? options.commit.slice(0, 7) : loaded.label;
  const snapshot: CatalogSnapshot = {
    source: `genai-prices@${label}`,
    ...(commit ? { commit } : {}),
    ...(date ? { date } : {}),
    providers,
  };
  const provenance = {
    readFrom: loaded.readFrom,
    ...(commit ? { commit } : {}),
    ...(date ? { date } : {}),
    licenseText: loaded.licenseText,
    appliedCorrections,
  };
  const files = [
    {
      file: path.join(options.out, "catalog.generated.ts"),
      text: renderCatalogModule(snapshot, provenance),
    },
    { file: path.join(options.out, "PRICES-LICENSE.md"), text: renderLicenseFile(provenance) },
  ];
  for (const warning of loaded.warnings) console.warn(`warning: ${warning}`);
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
