import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { bundledCatalogSnapshot } from "../pricing/catalog.generated.js";
import type { CatalogSnapshot } from "../pricing/catalog-snapshot.js";
import {
  checkPriceData,
  currentPrices,
  DEFAULT_MAX_PRICE_RATIO,
  DEFAULT_MAX_TOKEN_PRICE_NANO_USD,
} from "../pricing/remote/check-price-data.js";
import {
  isPriceSnapshotFile,
  type PriceSnapshotFile,
} from "../pricing/remote/price-snapshot-file.js";
import { readLimitedBody } from "../pricing/remote/read-limited-body.js";
import { DEFAULT_PRICES_URL } from "../pricing/remote/remote-catalog.js";
import type { CliIo } from "./cli-io.js";

/** Where `prices update` writes and `prices status` reads, relative to the working directory. */
export const DEFAULT_SNAPSHOT_FILE = ".tokenledger/prices.json";

const LIMITS = {
  maxPriceRatio: DEFAULT_MAX_PRICE_RATIO,
  maxTokenPriceNanoUsd: DEFAULT_MAX_TOKEN_PRICE_NANO_USD,
};

/**
 * `tokenledger prices update`: fetches the newest genai-prices data, checks it as
 * `remoteCatalog` does (against the bundled copy), and writes it to a local snapshot file that
 * `remoteCatalog({ cache })` can start from. A rejected fetch writes nothing and fails.
 */
export async function pricesUpdateCommand(
  options: { url?: string; out?: string; fetch?: typeof fetch; json?: boolean },
  io: CliIo,
): Promise<void> {
  const url = options.url ?? DEFAULT_PRICES_URL;
  const file = path.resolve(io.cwd, options.out ?? DEFAULT_SNAPSHOT_FILE);
  const text = await readLimitedBody(options.fetch ?? globalThis.fetch, url, {
    timeoutMs: 30_000,
    maxBytes: 20_000_000,
  });
  const fetchedAt = new Date(io.now()).toISOString();
  const snapshot = checkPriceData(text, {
    url,
    source: "genai-prices@remote",
    date: fetchedAt,
    reference: bundledCatalogSnapshot(),
    limits: LIMITS,
  });
  const content: PriceSnapshotFile = {
    tokenledgerPrices: 1,
    url,
    fetchedAt,
    data: JSON.parse(text),
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(content)}\n`);
  const changes = compareSnapshots(bundledCatalogSnapshot(), snapshot);
  if (options.json) {
    const result = { file, url, fetchedAt, models: countModels(snapshot), changes };
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  io.stdout(
    `wrote ${path.relative(io.cwd, file) || file}: ${countModels(snapshot)} models from ${url}\n` +
      `${describeChanges(changes)}\n`,
  );
}

/**
 * `tokenledger prices status`: the prices in use (a snapshot file written by `prices update`,
 * else the bundled copy), their source and age, and what changed since the bundled copy.
 */
export async function pricesStatusCommand(
  options: { file?: string; json?: boolean },
  io: CliIo,
): Promise<void> {
  const file = path.resolve(io.cwd, options.file ?? DEFAULT_SNAPSHOT_FILE);
  const bundled = bundledCatalogSnapshot();
  const bundledAge = bundled.date ? ageOf(Date.parse(bundled.date), io.now()) : "unknown age";
  let local: { content: PriceSnapshotFile; snapshot: CatalogSnapshot } | undefined;
  try {
    await stat(file);
    const text = await readFile(file, "utf8");
    const content: unknown = JSON.parse(text);
    if (!isPriceSnapshotFile(content)) throw new Error("not a tokenledger price snapshot");
    const snapshot = checkPriceData(text, {
      url: content.url,
      source: "genai-prices@remote",
      date: content.fetchedAt,
      reference: undefined,
      limits: LIMITS,
    });
    local = { content, snapshot };
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") {
      io.stderr(`ignoring ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    }
  }
  if (options.json) {
    const status = {
      bundled: { source: bundled.source, date: bundled.date, models: countModels(bundled) },
      snapshotFile: file,
      inUse:
        local === undefined
          ? "bundled"
          : {
              file,
              fetchedAt: local.content.fetchedAt,
              url: local.content.url,
              models: countModels(local.snapshot),
              changes: compareSnapshots(bundled, local.snapshot),
            },
    };
    io.stdout(`${JSON.stringify(status, null, 2)}\n`);
    return;
  }
  const lines = [
    `bundled: ${bundled.source}${bundled.date ? ` (genai-prices data of ${bundled.date}, ${bundledAge})` : ""}, ${countModels(bundled)} models`,
  ];
  if (local === undefined) {
    lines.push(
      `in use: the bundled copy (no snapshot at ${path.relative(io.cwd, file) || file}; run \`tokenledger prices update\`)`,
    );
  } else {
    const fetchedMs = Date.parse(local.content.fetchedAt);
    lines.push(
      `in use: ${path.relative(io.cwd, file) || file}, fetched ${local.content.fetchedAt} (${ageOf(fetchedMs, io.now())}) from ${local.content.url}, ${countModels(local.snapshot)} models`,
      describeChanges(compareSnapshots(bundled, local.snapshot)),
    );
  }
  io.stdout(`${lines.join("\n")}\n`);
}

interface SnapshotChanges {
  added: string[];
  removed: string[];
  changed: { key: string; kind: string; before: number; after: number }[];
}

function compareSnapshots(before: CatalogSnapshot, after: CatalogSnapshot): SnapshotChanges {
  const then = currentPrices(before);
  const now = currentPrices(after);
  const changes: SnapshotChanges = { added: [], removed: [], changed: [] };
  for (const [key, prices] of now) {
    const previous = then.get(key);
    if (previous === undefined) {
      changes.added.push(key);
      continue;
    }
    for (const kind of ["input", "output"]) {
      const beforeValue = previous[kind];
      const afterValue = prices[kind];
      if (beforeValue !== undefined && afterValue !== undefined && beforeValue !== afterValue) {
        changes.changed.push({ key, kind, before: beforeValue, after: afterValue });
      }
    }
  }
  for (const key of then.keys()) if (!now.has(key)) changes.removed.push(key);
  return changes;
}

function describeChanges(changes: SnapshotChanges): string {
  const usd = (nanoUsd: number) => `$${(nanoUsd / 1e9).toFixed(2)}`;
  const lines = [
    `since the bundled copy: ${changes.added.length} models added, ${changes.removed.length} removed, ${changes.changed.length} prices changed`,
    ...changes.changed
      .slice(0, 20)
      .map(
        (change) =>
          `  ${change.key} ${change.kind}: ${usd(change.before)} → ${usd(change.after)} per 1M tokens`,
      ),
  ];
  if (changes.changed.length > 20) lines.push(`  … and ${changes.changed.length - 20} more`);
  return lines.join("\n");
}

function countModels(snapshot: CatalogSnapshot): number {
  return snapshot.providers.reduce((sum, provider) => sum + provider.models.length, 0);
}

function ageOf(thenMs: number, nowMs: number): string {
  const days = Math.floor((nowMs - thenMs) / 86_400_000);
  if (days >= 1) return `${days} day${days === 1 ? "" : "s"} old`;
  const hours = Math.floor((nowMs - thenMs) / 3_600_000);
  return `${hours} hour${hours === 1 ? "" : "s"} old`;
}
