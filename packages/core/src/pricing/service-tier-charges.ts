import type { ChargeTable } from "./charge-table.js";
import type { ScheduledPrice } from "./price-schedule.js";

/**
 * Tier names that mean the standard price: OpenAI `default` / `auto` (answered as `default`)
 * and `scale` (Scale Tier units are bought ahead; their tokens are list-priced as standard).
 */
const STANDARD_TIER_NAMES: ReadonlySet<string> = new Set(["standard", "default", "auto", "scale"]);

/** One set of charges a call may be priced by, with the tier it belongs to. */
export interface TierCharges {
  /** `standard`, `flex`, `priority`, `batch`; `undefined` when no tier was asked for. */
  readonly tier: string | undefined;
  readonly charges: ChargeTable;
}

/**
 * The charges a call on `requested` tier is priced by. A standard name or no tier: the standard
 * charges. A tier the model prices: that tier's. Any other tier (unknown name, or one this model
 * has no price for): every tier the model knows, standard included — the caller charges the
 * highest, so an unknown tier is never billed below what it may cost.
 */
export function serviceTierCharges(
  scheduled: ScheduledPrice,
  requested: string | undefined,
): { candidates: TierCharges[]; unpriced: boolean } {
  if (requested === undefined) {
    return { candidates: [{ tier: undefined, charges: scheduled.charges }], unpriced: false };
  }
  const name = requested.trim().toLowerCase();
  if (STANDARD_TIER_NAMES.has(name)) {
    return { candidates: [{ tier: "standard", charges: scheduled.charges }], unpriced: false };
  }
  const tiers = scheduled.serviceTiers ?? {};
  const own = (tiers as Readonly<Record<string, ChargeTable | undefined>>)[name];
  if (own !== undefined) return { candidates: [{ tier: name, charges: own }], unpriced: false };
  const candidates: TierCharges[] = [{ tier: "standard", charges: scheduled.charges }];
  for (const [tier, charges] of Object.entries(tiers)) {
    if (charges !== undefined) candidates.push({ tier, charges });
  }
  return { candidates, unpriced: true };
}
