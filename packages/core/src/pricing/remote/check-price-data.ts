import {
  convertGenaiPrices,
  PriceDataError,
} from "../../../scripts/prices/convert-genai-prices.js";
import { PriceRefreshError } from "../../errors/price-refresh-error.js";
import type { CatalogSnapshot, PriceSet, PriceValue, SnapshotModel } from "../catalog-snapshot.js";
import { isPriceSnapshotFile } from "./price-snapshot-file.js";

/** The sanity limits a fetched price list must pass. */
export interface PriceDataLimits {
  /** A token price above this (nano-USD per 1M tokens) is absurd. */
  maxTokenPriceNanoUsd: number;
  /** A model whose input or output price moves by more than this factor is rejected. */
  maxPriceRatio: number;
}

/** $5,000 per 1M tokens: the dearest listed price (2026) is $600 (o1-pro output). */
export const DEFAULT_MAX_TOKEN_PRICE_NANO_USD = 5_000_000_000_000;
/** No list price has moved 20× at once; a ×1000 slip (per-token vs per-1M) is caught. */
export const DEFAULT_MAX_PRICE_RATIO = 20;

/**
 * Parses, converts and checks genai-prices v2 data (the JSON text of `data.json`) with the
 * generator's own converter, then against hostile values: absurd token prices, and prices that
 * jumped by more than `maxPriceRatio` from `reference` (the prices in use).
 *
 * @throws PriceRefreshError with reason `malformed-json`, `invalid-data`, `absurd-price` or `price-jump`.
 */
export function checkPriceData(
  text: string,
  options: {
    url: string;
    source: string;
    date: string;
    reference: CatalogSnapshot | undefined;
    limits: PriceDataLimits;
  },
): CatalogSnapshot {
  const { url } = options;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PriceRefreshError({
      reason: "malformed-json",
      url,
      message: "the body is not JSON (truncated or not a price list).",
      cause: error,
    });
  }
  // A snapshot file of `tokenledger prices update` wraps the upstream data.
  if (isPriceSnapshotFile(data)) data = data.data;
  let providers: CatalogSnapshot["providers"];
  try {
    providers = convertGenaiPrices(data).providers;
  } catch (error) {
    const detail =
      error instanceof PriceDataError ? error.message.slice(0, 300) : String(error).slice(0, 300);
    throw new PriceRefreshError({
      reason: "invalid-data",
      url,
      message: `not genai-prices v2 data: ${detail}`,
      cause: error,
    });
  }
  const modelCount = providers.reduce((sum, provider) => sum + provider.models.length, 0);
  if (modelCount === 0) {
    throw new PriceRefreshError({
      reason: "invalid-data",
      url,
      message: "the data has no models.",
    });
  }
  const snapshot: CatalogSnapshot = { source: options.source, date: options.date, providers };
  const current = currentPrices(snapshot);
  for (const [key, prices] of current) {
    for (const [kind, price] of Object.entries(prices)) {
      if (price < 0 || price > options.limits.maxTokenPriceNanoUsd) {
        throw new PriceRefreshError({
          reason: "absurd-price",
          url,
          message: `${key} ${kind} is ${price / 1e9} USD per 1M tokens.`,
        });
      }
    }
  }
  if (options.reference !== undefined) {
    const before = currentPrices(options.reference);
    for (const [key, prices] of current) {
      const previous = before.get(key);
      if (previous === undefined) continue;
      for (const kind of ["input", "output"] as const) {
        const now = prices[kind];
        const then = previous[kind];
        if (now === undefined || then === undefined || now === 0 || then === 0) continue;
        const ratio = Math.max(now, then) / Math.min(now, then);
        if (ratio > options.limits.maxPriceRatio) {
          throw new PriceRefreshError({
            reason: "price-jump",
            url,
            message: `${key} ${kind} moved from ${then / 1e9} to ${now / 1e9} USD per 1M tokens (×${ratio.toFixed(0)}; the limit is ×${options.limits.maxPriceRatio}).`,
          });
        }
      }
    }
  }
  return snapshot;
}

/** Token kinds a sanity check reads (per-request and per-unit fees are left out). */
const TOKEN_KINDS = ["input", "output", "cacheRead", "cacheWrite", "cacheWrite1h"] as const;

/** The latest listed input/output/cache prices (base of a tiered price) per `provider:model`. */
export function currentPrices(snapshot: CatalogSnapshot): Map<string, Record<string, number>> {
  const prices = new Map<string, Record<string, number>>();
  for (const provider of snapshot.providers) {
    for (const model of provider.models) {
      const set = latestSet(model);
      const flat: Record<string, number> = {};
      for (const kind of TOKEN_KINDS) {
        const value = set?.[kind];
        if (value !== undefined) flat[kind] = baseOf(value);
      }
      prices.set(`${provider.id}:${model.id}`, flat);
    }
  }
  return prices;
}

function latestSet(model: SnapshotModel): PriceSet | undefined {
  const prices = model.prices;
  if (!Array.isArray(prices)) return prices as PriceSet;
  return prices.at(-1)?.prices;
}

function baseOf(value: PriceValue): number {
  return typeof value === "number" ? value : value.base;
}
