import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { NANO_USD_PER_USD } from "../money/nano-usd.js";
import type { Usage } from "../usage/usage.js";
import type { PriceValue } from "./catalog-snapshot.js";
import { type ChargeTable, priceForInput, tierStartForInput } from "./charge-table.js";
import { divideByMillionHalfUp, sumOfProducts } from "./exact-total.js";
import { type ScheduledPrice, selectScheduledPrice } from "./price-schedule.js";
import type { ResolvedModel } from "./resolved-model.js";
import { serviceTierCharges } from "./service-tier-charges.js";
import type { CostBreakdown, CostLine } from "./types.js";

/** Requests per unit of a `requestsKcount` price. */
const REQUESTS_PER_PRICE_UNIT = 1000;
/** A fee of `price` per 1,000 requests, written over the per-1M-tokens denominator. */
const FEE_NUMERATOR_PER_PRICE = 1_000_000 / REQUESTS_PER_PRICE_UNIT;

function partTooLarge(
  parts: string,
  partTokens: number,
  total: string,
  totalTokens: number,
): InvalidUsageError {
  return new InvalidUsageError({
    field: total,
    value: totalTokens,
    message: `Invalid usage: ${parts} (${partTokens}) add up to more than ${total} (${totalTokens}). These parts are inside ${total}; make ${total} the total including them.`,
  });
}

/**
 * Prices a valid {@link Usage} for a resolved model at `atMs`. Decomposition (parts are inside
 * their totals):
 *
 * - `input` = inputTokens − cacheRead − cacheWrite − inputAudio − inputImage (the last two only
 *   when the model prices them apart); `cacheWrite` (5 min) = cacheWriteTokens − cacheWrite1hTokens;
 *   `cacheWrite1h`; `cacheRead`.
 * - `output` = outputTokens − reasoning − outputAudio (each only when priced apart).
 * - A per-request fee adds a `request` line.
 *
 * - Web-search requests add a `webSearch` line where the model prices them; where it does not,
 *   `unpricedUnits` names them (never a silent $0).
 *
 * Tiers are a whole-request cliff on TOTAL input tokens (`inputTokens > start`). The sum of
 * `tokens × nano-USD per 1M tokens` over all lines is divided by 1,000,000 once, half-up.
 *
 * `serviceTier` (`flex`, `priority`, `batch`; `default`/`auto`/`scale` mean standard) prices by
 * that tier's prices; a tier the model has no price for is charged at the highest of the
 * tiers it knows and flagged `unpricedServiceTier` on the breakdown.
 */
export function priceUsage(
  resolved: ResolvedModel,
  usage: Usage,
  atMs: number,
  serviceTier?: string,
): CostBreakdown {
  const scheduled = selectScheduledPrice(resolved.schedule, atMs);
  const { candidates, unpriced } = serviceTierCharges(scheduled, serviceTier);
  let chosen: CostBreakdown | undefined;
  for (const candidate of candidates) {
    const breakdown = priceWithCharges(resolved, usage, scheduled, candidate.charges);
    if (candidate.tier !== undefined) breakdown.serviceTier = candidate.tier;
    if (chosen === undefined || breakdown.totalNanoUsd > chosen.totalNanoUsd) chosen = breakdown;
  }
  const breakdown = chosen as CostBreakdown;
  if (unpriced && serviceTier !== undefined) breakdown.unpricedServiceTier = serviceTier;
  return breakdown;
}

function priceWithCharges(
  resolved: ResolvedModel,
  usage: Usage,
  scheduled: ScheduledPrice,
  charges: ChargeTable,
): CostBreakdown {
  const inputTokens = usage.inputTokens;
  const outputTokens = usage.outputTokens;
  const cacheReadTokens = usage.cacheReadTokens ?? 0;
  const cacheWriteTokens = usage.cacheWriteTokens ?? 0;
  const cacheWrite1hTokens = usage.cacheWrite1hTokens ?? 0;
  const inputAudioTokens = charges.inputAudio !== undefined ? (usage.inputAudioTokens ?? 0) : 0;
  const inputImageTokens = charges.inputImage !== undefined ? (usage.inputImageTokens ?? 0) : 0;
  const reasoningTokens = charges.reasoning !== undefined ? (usage.reasoningTokens ?? 0) : 0;
  const outputAudioTokens = charges.outputAudio !== undefined ? (usage.outputAudioTokens ?? 0) : 0;

  const uncachedInputTokens =
    inputTokens - cacheReadTokens - cacheWriteTokens - inputAudioTokens - inputImageTokens;
  if (uncachedInputTokens < 0) {
    throw partTooLarge(
      "cacheReadTokens + cacheWriteTokens + inputAudioTokens + inputImageTokens",
      inputTokens - uncachedInputTokens,
      "inputTokens",
      inputTokens,
    );
  }
  const textOutputTokens = outputTokens - reasoningTokens - outputAudioTokens;
  if (textOutputTokens < 0) {
    throw partTooLarge(
      "reasoningTokens + outputAudioTokens",
      outputTokens - textOutputTokens,
      "outputTokens",
      outputTokens,
    );
  }

  const lines: CostLine[] = [];
  const tokens: number[] = [];
  const prices: number[] = [];
  let tierStartTokens: number | undefined;
  const add = (
    kind: string,
    count: number,
    value: PriceValue | undefined,
    always: boolean,
  ): void => {
    if (value === undefined || (count === 0 && !always)) return;
    const price = priceForInput(value, inputTokens);
    if (typeof value !== "number") {
      const start = tierStartForInput(value, inputTokens);
      if (start !== undefined && (tierStartTokens === undefined || start > tierStartTokens)) {
        tierStartTokens = start;
      }
    }
    lines.push({
      kind,
      tokens: count,
      nanoUsdPerMtok: price,
      exactNanoUsd: (count * price) / 1_000_000,
    });
    tokens.push(count);
    prices.push(price);
  };
  add("input", uncachedInputTokens, charges.input, true);
  add("cacheRead", cacheReadTokens, charges.cacheRead, false);
  add("cacheWrite", cacheWriteTokens - cacheWrite1hTokens, charges.cacheWrite, false);
  add("cacheWrite1h", cacheWrite1hTokens, charges.cacheWrite1h, false);
  add("inputAudio", inputAudioTokens, charges.inputAudio, false);
  add("inputImage", inputImageTokens, charges.inputImage, false);
  add("output", textOutputTokens, charges.output, true);
  add("reasoning", reasoningTokens, charges.reasoning, false);
  add("outputAudio", outputAudioTokens, charges.outputAudio, false);
  if (charges.requestsKcount !== undefined) {
    const fee = priceForInput(charges.requestsKcount, inputTokens);
    lines.push({
      kind: "request",
      tokens: 0,
      nanoUsdPerMtok: 0,
      exactNanoUsd: fee / REQUESTS_PER_PRICE_UNIT,
      requests: 1,
      nanoUsdPerThousandRequests: fee,
    });
    tokens.push(FEE_NUMERATOR_PER_PRICE);
    prices.push(fee);
  }
  const webSearchRequests = usage.webSearchRequests ?? 0;
  let unpricedUnits: string[] | undefined;
  if (webSearchRequests > 0 && charges.webSearchesKcount === undefined) {
    unpricedUnits = ["webSearchRequests"];
  } else if (webSearchRequests > 0 && charges.webSearchesKcount !== undefined) {
    const fee = priceForInput(charges.webSearchesKcount, inputTokens);
    lines.push({
      kind: "webSearch",
      tokens: 0,
      nanoUsdPerMtok: 0,
      exactNanoUsd: (webSearchRequests * fee) / REQUESTS_PER_PRICE_UNIT,
      requests: webSearchRequests,
      nanoUsdPerThousandRequests: fee,
    });
    tokens.push(webSearchRequests * FEE_NUMERATOR_PER_PRICE);
    prices.push(fee);
  }

  let totalNanoUsd: number;
  try {
    totalNanoUsd = divideByMillionHalfUp(sumOfProducts(tokens, prices));
  } catch (error) {
    throw new InvalidUsageError({
      field: "usage",
      value: usage,
      message: `Invalid usage: the cost of ${inputTokens} input and ${outputTokens} output tokens is beyond 2^53 nano-USD (about $9M) for one call; check the token counts.`,
      cause: error,
    });
  }
  const breakdown: CostBreakdown = {
    provider: resolved.provider,
    model: resolved.model,
    totalNanoUsd,
    totalUsd: totalNanoUsd / NANO_USD_PER_USD,
    lines,
    priceSource: resolved.priceSource,
  };
  if (tierStartTokens !== undefined) breakdown.tierStartTokens = tierStartTokens;
  if (unpricedUnits !== undefined) breakdown.unpricedUnits = unpricedUnits;
  if (scheduled.startDate !== undefined) breakdown.priceEffectiveFrom = scheduled.startDate;
  return breakdown;
}
