import type {
  ConditionalPrice,
  PriceSet,
  PriceTier,
  PriceValue,
  TieredPrice,
} from "../../src/pricing/catalog-snapshot.js";
import type { PriceKind } from "../../src/pricing/price-kind.js";
import { usdPriceToNanoUsd } from "../../src/pricing/usd-price-to-nano-usd.js";
import type { PriceCorrection } from "./price-correction.js";
import { priceKindForKey } from "./price-kind-for-key.js";
import { isObject, type ProblemSink } from "./problem-list.js";

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

function convertAmount(
  raw: unknown,
  where: string,
  problems: ProblemSink,
  correction: PriceCorrection | undefined,
  applied: Set<PriceCorrection>,
): number | undefined {
  if (typeof raw !== "number" && typeof raw !== "string") {
    problems.add(where, `a price must be a number, got ${JSON.stringify(raw)}`);
    return undefined;
  }
  let text = String(raw);
  if (correction !== undefined && text === correction.found) {
    text = correction.use;
    applied.add(correction);
  }
  try {
    return usdPriceToNanoUsd(text);
  } catch (error) {
    problems.add(where, `price ${text}: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * Converts one upstream price value (a number or `{ base, tiers: [{ start, price }] }`) to
 * integer nano-USD. Tiers are sorted by `start`.
 */
function convertPriceValue(
  raw: unknown,
  where: string,
  problems: ProblemSink,
  correction: PriceCorrection | undefined,
  applied: Set<PriceCorrection>,
): PriceValue | undefined {
  if (!isObject(raw)) return convertAmount(raw, where, problems, correction, applied);
  const base = convertAmount(raw.base, `${where}.base`, problems, correction, applied);
  if (!Array.isArray(raw.tiers) || raw.tiers.length === 0) {
    problems.add(where, "a tiered price needs a non-empty `tiers` list");
    return undefined;
  }
  const tiers: PriceTier[] = [];
  for (const [index, tier] of raw.tiers.entries()) {
    const tierWhere = `${where}.tiers[${index}]`;
    if (!isObject(tier)) {
      problems.add(tierWhere, "a tier must be { start, price }");
      continue;
    }
    const start = tier.start;
    if (typeof start !== "number" || !Number.isSafeInteger(start) || start < 0) {
      problems.add(tierWhere, `tier start must be a non-negative integer, got ${String(start)}`);
      continue;
    }
    const price = convertAmount(tier.price, `${tierWhere}.price`, problems, correction, applied);
    if (price !== undefined) tiers.push({ start, price });
  }
  if (base === undefined) return undefined;
  tiers.sort((left, right) => left.start - right.start);
  const tiered: TieredPrice = { base, tiers };
  return tiered;
}

/** Converts one upstream `ModelPrice` object (price key → value) to a {@link PriceSet}. */
export function convertPriceSet(
  raw: unknown,
  where: string,
  problems: ProblemSink,
  corrections: readonly PriceCorrection[],
  applied: Set<PriceCorrection>,
  ids: { provider: string; model: string },
): PriceSet | undefined {
  if (!isObject(raw)) {
    problems.add(where, "prices must be an object of price keys");
    return undefined;
  }
  const prices: { [kind in PriceKind]?: PriceValue } = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === null) continue;
    const kind = priceKindForKey(key);
    if (kind === undefined) {
      problems.add(
        `${where}.${key}`,
        "unknown price key: add its kind to src/pricing/price-kind.ts and teach calculateCost about it",
      );
      continue;
    }
    const correction = corrections.find(
      (candidate) =>
        candidate.provider === ids.provider &&
        candidate.model === ids.model &&
        candidate.key === key,
    );
    const converted = convertPriceValue(value, `${where}.${key}`, problems, correction, applied);
    if (converted !== undefined) prices[kind] = converted;
  }
  return prices;
}

export function convertConstraint(
  raw: unknown,
  where: string,
  problems: ProblemSink,
): Omit<ConditionalPrice, "prices"> | undefined {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) {
    problems.add(where, "a constraint must be an object");
    return undefined;
  }
  const { type: _type, ...fields } = raw;
  const keys = Object.keys(fields).sort().join(",");
  if (keys === "start_date") {
    const date = fields.start_date;
    if (typeof date !== "string" || !DATE_PATTERN.test(date) || Number.isNaN(Date.parse(date))) {
      problems.add(where, `start_date must be YYYY-MM-DD, got ${JSON.stringify(date)}`);
      return undefined;
    }
    return { startDate: date };
  }
  if (keys === "end_time,start_time") {
    const startTime = fields.start_time;
    const endTime = fields.end_time;
    if (
      typeof startTime !== "string" ||
      typeof endTime !== "string" ||
      !TIME_PATTERN.test(startTime) ||
      !TIME_PATTERN.test(endTime)
    ) {
      problems.add(where, `start_time/end_time must be HH:MM:SS with Z or an offset`);
      return undefined;
    }
    return { startTime, endTime };
  }
  problems.add(where, `unknown price constraint ${JSON.stringify(raw)}`);
  return undefined;
}
