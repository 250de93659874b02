import { bundledCatalogSnapshot } from "../pricing/catalog.generated.js";
import type {
  ConditionalPrice,
  PriceSet,
  PriceValue,
  SnapshotModel,
} from "../pricing/catalog-snapshot.js";
import type { ChargeTable } from "../pricing/charge-table.js";
import { selectScheduledPrice } from "../pricing/price-schedule.js";
import type { ResolvedModel } from "../pricing/resolved-model.js";

/** One priced kind: its label, unit and value (flat or tiered), integer nano-USD per unit. */
export interface PriceLine {
  kind: string;
  label: string;
  unit: string;
  value: PriceValue;
}

/** One entry of a model's price schedule (one price, a dated price, or an off-peak window). */
export interface PriceEntry {
  /** `always`, `from 2025-01-01`, `daily 16:30–00:30 UTC`. */
  condition: string;
  /** True for the entry that applies at the instant asked about. */
  current: boolean;
  lines: PriceLine[];
}

const UNITS: readonly [RegExp, string][] = [
  [/Kcount$/, "per 1K"],
  [/Mchars$/, "per 1M chars"],
  [/Gpixels$/, "per 1G pixels"],
  [/Kpages$/, "per 1K pages"],
  [/Hours$/, "per hour"],
];

/** `cacheWrite1h` → `cache write 1h`, `requestsKcount` → `requests`. */
function labelOf(kind: string): string {
  const bare = kind.replace(/(Kcount|Mchars|Gpixels|Kpages)$/, "");
  return bare
    .replace(/([A-Z])/g, " $1")
    .replace(/(\d+)\s*([a-z])/g, " $1$2")
    .toLowerCase()
    .trim();
}

function unitOf(kind: string): string {
  return UNITS.find(([pattern]) => pattern.test(kind))?.[1] ?? "per 1M tokens";
}

function linesOf(prices: PriceSet): PriceLine[] {
  return Object.entries(prices)
    .filter((entry): entry is [string, PriceValue] => entry[1] !== undefined)
    .map(([kind, value]) => ({ kind, label: labelOf(kind), unit: unitOf(kind), value }));
}

/** User prices keep only the compiled table: show what it charges. */
function linesOfCharges(charges: ChargeTable): PriceLine[] {
  const lines: PriceLine[] = [];
  const add = (kind: string, value: PriceValue | undefined): void => {
    if (value !== undefined) lines.push({ kind, label: labelOf(kind), unit: unitOf(kind), value });
  };
  add("input", charges.input);
  add("cacheRead", charges.cacheRead);
  add("cacheWrite", charges.cacheWrite);
  add("cacheWrite1h", charges.cacheWrite1h);
  add("output", charges.output);
  add("outputReasoning", charges.reasoning);
  add("inputAudio", charges.inputAudio);
  add("inputImage", charges.inputImage);
  add("outputAudio", charges.outputAudio);
  add("requestsKcount", charges.requestsKcount);
  return lines;
}

function conditionOf(
  entry: ConditionalPrice,
  next: ConditionalPrice | undefined,
  many: boolean,
): string {
  if (entry.startDate !== undefined) return `from ${entry.startDate}`;
  if (entry.startTime !== undefined && entry.endTime !== undefined) {
    return `daily ${entry.startTime}–${entry.endTime}`;
  }
  if (next?.startDate !== undefined) return `before ${next.startDate}`;
  return many ? "at other times" : "always";
}

/** The snapshot entry that priced a resolved model (the provider's own, or a fallback provider's). */
function snapshotModelOf(resolved: ResolvedModel): SnapshotModel | undefined {
  const snapshot = bundledCatalogSnapshot();
  if (resolved.priceSource !== snapshot.source) return undefined;
  const providers = snapshot.providers;
  const own = providers.find((provider) => provider.id === resolved.provider);
  const owners = [
    own,
    ...(own?.fallbackModelProviders ?? []).map((id) =>
      providers.find((provider) => provider.id === id),
    ),
  ];
  for (const owner of owners) {
    const model = owner?.models.find((candidate) => candidate.id === resolved.model);
    if (model) return model;
  }
  return undefined;
}

/**
 * A resolved model's prices as listed by its source: every entry of its schedule (price
 * history, off-peak windows) with the kinds it prices, flat or tiered, and which entry applies
 * at `atMs`. User prices show the table they charge.
 */
export function describePrices(resolved: ResolvedModel, atMs: number): PriceEntry[] {
  const current = selectScheduledPrice(resolved.schedule, atMs);
  const raw = snapshotModelOf(resolved);
  if (raw === undefined) {
    return resolved.schedule.entries.map((entry) => ({
      condition: entry.startDate !== undefined ? `from ${entry.startDate}` : "always",
      current: entry === current,
      lines: linesOfCharges(entry.charges),
    }));
  }
  const list: readonly ConditionalPrice[] = Array.isArray(raw.prices)
    ? (raw.prices as readonly ConditionalPrice[])
    : [{ prices: raw.prices as PriceSet }];
  return list.map((entry, index) => ({
    condition: conditionOf(entry, list[index + 1], list.length > 1),
    current: resolved.schedule.entries[index] === current,
    lines: linesOf(entry.prices),
  }));
}

/** `$2.50`, `$0.075`, `$0.0375`: USD per unit from integer nano-USD, 2 to 9 decimals. */
export function formatPrice(nanoUsd: number): string {
  const usd = (nanoUsd / 1e9).toFixed(9).replace(/0+$/, "");
  const [whole, decimals = ""] = usd.split(".");
  return `$${whole}.${decimals.padEnd(2, "0")}`;
}
