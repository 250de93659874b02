import type {
  ConditionalPrice,
  PriceSet,
  ServiceTier,
  ServiceTierPrices,
} from "./catalog-snapshot.js";
import { type ChargeTable, compileChargeTable } from "./charge-table.js";

const MS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;
const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** One price of a model's schedule with its condition, parsed once. */
export interface ScheduledPrice {
  readonly charges: ChargeTable;
  /** Charges of each service tier the model prices apart (standard prices under the tier's). */
  readonly serviceTiers?: { readonly [tier in ServiceTier]?: ChargeTable };
  /** Price history: applies from this instant (00:00 UTC of `startDate`). */
  readonly startMs?: number;
  readonly startDate?: string;
  /** Daily window in UTC seconds of the day: start inclusive, end exclusive (may wrap midnight). */
  readonly startSecond?: number;
  readonly endSecond?: number;
}

/** Every price of a model over time, in catalog order. */
export interface PriceSchedule {
  readonly entries: readonly ScheduledPrice[];
}

/** Parses `HH:MM:SS[.fff](Z|±HH:MM)` to UTC seconds of the day. */
export function parseTimeOfDay(text: string): number {
  const parts = TIME_OF_DAY.exec(text);
  if (parts === null) throw new RangeError(`Invalid time of day "${text}" (expected HH:MM:SSZ)`);
  const seconds =
    Number(parts[1]) * 3600 +
    Number(parts[2]) * 60 +
    Number(parts[3]) +
    Number(`0.${parts[4] ?? 0}`);
  const offsetSeconds =
    parts[5] === "Z"
      ? 0
      : (parts[6] === "-" ? -1 : 1) * (Number(parts[7]) * 3600 + Number(parts[8]) * 60);
  return (((seconds - offsetSeconds) % SECONDS_PER_DAY) + SECONDS_PER_DAY) % SECONDS_PER_DAY;
}

/** Standard prices and, per service tier, the standard prices with the tier's laid over them. */
function compileCharges(
  prices: PriceSet,
  serviceTiers: ServiceTierPrices | undefined,
): Pick<ScheduledPrice, "charges" | "serviceTiers"> {
  const charges = compileChargeTable(prices);
  if (serviceTiers === undefined) return { charges };
  const tiers: { [tier in ServiceTier]?: ChargeTable } = {};
  for (const [tier, tierPrices] of Object.entries(serviceTiers) as [ServiceTier, PriceSet][]) {
    tiers[tier] = compileChargeTable({ ...prices, ...tierPrices });
  }
  return { charges, serviceTiers: tiers };
}

function scheduleEntry(
  entry: ConditionalPrice,
  serviceTiers: ServiceTierPrices | undefined,
): ScheduledPrice {
  const charges = compileCharges(entry.prices, serviceTiers);
  if (entry.startDate !== undefined) {
    return {
      ...charges,
      startDate: entry.startDate,
      startMs: Date.parse(`${entry.startDate}T00:00:00Z`),
    };
  }
  if (entry.startTime !== undefined && entry.endTime !== undefined) {
    return {
      ...charges,
      startSecond: parseTimeOfDay(entry.startTime),
      endSecond: parseTimeOfDay(entry.endTime),
    };
  }
  return charges;
}

/**
 * Compiles a model's prices (one set, or a conditional list) into a schedule; service-tier
 * prices replace the standard price of the kinds they list, at every point of the history.
 */
export function compilePriceSchedule(
  prices: PriceSet | readonly ConditionalPrice[],
  serviceTiers?: ServiceTierPrices,
): PriceSchedule {
  if (!Array.isArray(prices))
    return { entries: [compileCharges(prices as PriceSet, serviceTiers)] };
  const list = prices as readonly ConditionalPrice[];
  if (list.length === 0) return { entries: [compileCharges({}, serviceTiers)] };
  return { entries: list.map((entry) => scheduleEntry(entry, serviceTiers)) };
}

/**
 * The price in effect at `atMs` (genai-prices semantics): the LAST entry whose condition holds
 * (no condition always holds; a start date holds from that UTC midnight on; a daily window holds
 * inside it, UTC), else the first entry.
 */
export function selectScheduledPrice(schedule: PriceSchedule, atMs: number): ScheduledPrice {
  const entries = schedule.entries;
  const first = entries[0] as ScheduledPrice;
  if (entries.length === 1) return first;
  for (let index = entries.length - 1; index >= 0; index--) {
    const entry = entries[index] as ScheduledPrice;
    if (entry.startMs !== undefined) {
      if (atMs >= entry.startMs) return entry;
    } else if (entry.startSecond !== undefined && entry.endSecond !== undefined) {
      const second = (((atMs % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / 1000;
      const inside =
        entry.endSecond < entry.startSecond
          ? second >= entry.startSecond || second < entry.endSecond
          : second >= entry.startSecond && second < entry.endSecond;
      if (inside) return entry;
    } else {
      return entry;
    }
  }
  return first;
}
