import type { CostBreakdown } from "../pricing/types.js";
import { addUsage } from "../usage/add-usage.js";
import type { Usage } from "../usage/usage.js";
import type { UsagePartInput } from "../usage/usage-part.js";
import { validateUsage } from "../usage/validate-usage.js";
import type { LedgerRuntime, PricedModel } from "./ledger-runtime.js";
import type { UsageRecordPart } from "./types.js";

/** A multi-part call priced part by part: the parts and their exact sums. */
export interface PricedParts {
  parts: UsageRecordPart[];
  usage: Usage;
  /** One breakdown whose total is the parts' sum (their lines in order), or `null` if any part is unpriced. */
  cost: CostBreakdown | null;
  costNanoUsd: number;
}

/**
 * Prices each part at its own model (`part.model`, else `callModel`), at `atMs`. Each part's
 * cost is rounded once, like any request; the call's cost is the sum of those integers, and
 * its usage the sum of the parts' usage.
 *
 * @throws InvalidUsageError when a part's usage is invalid.
 */
export function priceParts(
  runtime: LedgerRuntime,
  inputs: readonly UsagePartInput[],
  call: {
    priced: PricedModel | undefined;
    provider: string;
    model: string;
    /** The call's service tier: every part ran on it. */
    serviceTier?: string | undefined;
  },
  atMs: number,
): PricedParts {
  const parts: UsageRecordPart[] = [];
  let usage: Usage | undefined;
  let costNanoUsd = 0;
  let everyPartPriced = true;
  for (const input of inputs) {
    const partUsage = validateUsage(input.usage, { source: "reservation.settle parts" });
    const priced =
      input.model === undefined
        ? call.priced
        : (runtime.resolveModel(input.model, call.provider) ??
          runtime.resolveModel(input.model, undefined));
    const cost = priced ? runtime.price(priced, partUsage, atMs, call.serviceTier) : null;
    const part: UsageRecordPart = {
      model: priced?.model ?? input.model ?? call.model,
      provider: priced?.provider ?? call.provider,
      usage: partUsage,
      cost,
      costNanoUsd: cost?.totalNanoUsd ?? 0,
    };
    if (input.step !== undefined) part.step = input.step;
    parts.push(part);
    usage = usage === undefined ? partUsage : addUsage(usage, partUsage);
    costNanoUsd += part.costNanoUsd;
    if (cost === null) everyPartPriced = false;
  }
  const first = parts[0]?.cost;
  const cost: CostBreakdown | null =
    everyPartPriced && first
      ? {
          provider: call.priced?.provider ?? first.provider,
          model: call.priced?.model ?? first.model,
          totalNanoUsd: costNanoUsd,
          totalUsd: costNanoUsd / 1e9,
          lines: parts.flatMap((part) => part.cost?.lines ?? []),
          priceSource: first.priceSource,
        }
      : null;
  return { parts, usage: usage ?? { inputTokens: 0, outputTokens: 0 }, cost, costNanoUsd };
}
