import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import type { Usage } from "../usage/usage.js";
import { validateUsage } from "../usage/validate-usage.js";
import { type Catalog, defaultCatalog } from "./create-catalog.js";
import { priceUsage } from "./price-usage.js";
import { toEpochMs } from "./to-epoch-ms.js";
import type { CostBreakdown } from "./types.js";

/** Input of {@link calculateCost}. */
export interface CostRequest {
  /** Model as the framework names it: `gpt-4o`, `openai:gpt-4o`, `openai/gpt-4o`, a dated snapshot. */
  model: string;
  /** Provider as the framework names it: `openai.responses`, `anthropic.messages`, `google_genai`, `bedrock`… */
  provider?: string;
  usage: Usage;
  /** When the call happened (prices change over time): a Date, an ISO string or epoch ms. Default: now. */
  at?: Date | string | number;
  /**
   * Service tier the call ran on: `flex`, `priority`, `batch` (OpenAI `service_tier`, the batch
   * APIs); `default` / `auto` / `scale` / `standard` mean the standard price. A tier the model has
   * no price for is charged at its highest-priced known tier (`unpricedServiceTier` says so).
   */
  serviceTier?: string;
}

/** Input of {@link calculateWorstCaseCost}: an estimate instead of a usage. */
export interface WorstCaseCostRequest {
  model: string;
  provider?: string;
  /** Estimated input tokens, all priced as uncached input. */
  inputTokens: number;
  /** Worst-case output tokens (the cap). */
  outputTokens: number;
  at?: Date | string | number;
  serviceTier?: string;
}

/**
 * The exact cost of one call (contract; pure). Every line is `tokens × integer nano-USD per 1M
 * tokens`; the products are summed exactly (BigInt past 2^53) and divided by 1,000,000 once,
 * half-up, so `totalNanoUsd` is an integer and N equal calls cost exactly N × one.
 *
 * @throws InvalidUsageError for an invalid usage (negative, fractional, parts larger than totals…).
 * @throws UnknownModelError when the catalog has no price for the model (never a silent $0).
 * A `family` match (a prefix rule of another model) is priced and says so: `priceMatch: "family"`.
 */
export function calculateCost(
  request: CostRequest,
  catalog: Catalog = defaultCatalog,
): CostBreakdown {
  if (typeof request?.model !== "string" || request.model.trim() === "") {
    throw new InvalidUsageError({
      field: "model",
      value: request?.model,
      message: `calculateCost needs a model id such as "gpt-4o" or "anthropic:claude-sonnet-4-5", got ${JSON.stringify(request?.model)}.`,
    });
  }
  const usage = validateUsage(request.usage, { source: "calculateCost" });
  const atMs = toEpochMs(request.at);
  const resolved = catalog.resolveOrThrow(request.model, request.provider);
  return {
    ...priceUsage(resolved, usage, atMs, request.serviceTier),
    priceMatch: resolved.priceMatch,
    priceEntry: resolved.priceEntry,
    priceSnapshot: resolved.priceSnapshot,
  };
}

/**
 * The worst-case cost of a call before it is made: `inputTokens` priced as uncached input and
 * `outputTokens` as output (no cache discount, tiers by the estimated input).
 */
export function calculateWorstCaseCost(
  request: WorstCaseCostRequest,
  catalog: Catalog = defaultCatalog,
): CostBreakdown {
  return calculateCost(
    {
      model: request.model,
      ...(request.provider !== undefined ? { provider: request.provider } : {}),
      usage: { inputTokens: request.inputTokens, outputTokens: request.outputTokens },
      ...(request.at !== undefined ? { at: request.at } : {}),
      ...(request.serviceTier !== undefined ? { serviceTier: request.serviceTier } : {}),
    },
    catalog,
  );
}
