import { z } from "zod";
import { InvalidPriceError } from "../errors/invalid-price-error.js";
import type { PriceSet, PriceValue, TieredPrice } from "./catalog-snapshot.js";
import type { PriceKind } from "./price-kind.js";
import { usdPriceToNanoUsd } from "./usd-price-to-nano-usd.js";

/** Optional prices of a {@link UserModelPrice}, in USD per 1M tokens. */
export interface UserPartPrices {
  /** Cache reads; defaults to `inputMtok`. */
  cacheReadMtok?: number;
  /** 5-minute cache writes; defaults to `inputMtok`. */
  cacheWriteMtok?: number;
  /** 1-hour cache writes; defaults to `cacheWriteMtok`, then `inputMtok`. */
  cacheWrite1hMtok?: number;
  /** Reasoning output priced apart; defaults to `outputMtok`. */
  reasoningMtok?: number;
  inputAudioMtok?: number;
  outputAudioMtok?: number;
  inputImageMtok?: number;
}

/** A context tier of a user price: from `startInputTokens` (exclusive) total input tokens on. */
export interface UserPriceTier extends UserPartPrices {
  startInputTokens: number;
  inputMtok: number;
  outputMtok: number;
}

/** A price given by the user, in USD per 1M tokens as providers publish them. */
export interface UserModelPrice extends UserPartPrices {
  inputMtok: number;
  outputMtok: number;
  /** Tiers on the request's total input tokens; a part not set in a tier keeps the lower price. */
  tiers?: UserPriceTier[];
  maxOutputTokens?: number;
  contextWindow?: number;
}

/** User prices keyed `provider:model`, `provider/model`, a bare model id, or `provider:*`. */
export type UserPrices = Record<string, UserModelPrice>;

const USD_FIELDS = {
  inputMtok: "input",
  outputMtok: "output",
  cacheReadMtok: "cacheRead",
  cacheWriteMtok: "cacheWrite",
  cacheWrite1hMtok: "cacheWrite1h",
  reasoningMtok: "outputReasoning",
  inputAudioMtok: "inputAudio",
  outputAudioMtok: "outputAudio",
  inputImageMtok: "inputImage",
} as const satisfies Record<string, PriceKind>;

type UsdField = keyof typeof USD_FIELDS;

/** Built on first use, not at import (constructing zod schemas costs every importer). */
function buildSchemas() {
  const usd = z
    .number({ error: "must be a number (USD per 1M tokens)" })
    .nonnegative({ error: "must be ≥ 0" })
    .refine(
      (value) => {
        if (value < 0) return true; // reported by nonnegative
        try {
          usdPriceToNanoUsd(value);
          return true;
        } catch {
          return false;
        }
      },
      { error: "must have at most 9 decimals (prices are exact to the nano-USD)" },
    );
  const tokenCount = z
    .number({ error: "must be a number of tokens" })
    .int({ error: "must be a whole number of tokens" })
    .nonnegative({ error: "must be ≥ 0" });
  const optionalParts = {
    cacheReadMtok: usd.optional(),
    cacheWriteMtok: usd.optional(),
    cacheWrite1hMtok: usd.optional(),
    reasoningMtok: usd.optional(),
    inputAudioMtok: usd.optional(),
    outputAudioMtok: usd.optional(),
    inputImageMtok: usd.optional(),
  };
  const tierSchema = z.strictObject(
    {
      startInputTokens: tokenCount,
      inputMtok: usd,
      outputMtok: usd,
      ...optionalParts,
    },
    { error: "must be an object like { startInputTokens: 200000, inputMtok: 5, outputMtok: 20 }" },
  );
  const userPriceSchema = z.strictObject(
    {
      inputMtok: usd,
      outputMtok: usd,
      ...optionalParts,
      tiers: z.array(tierSchema, { error: "must be a list of tiers" }).optional(),
      maxOutputTokens: tokenCount.positive({ error: "must be > 0" }).optional(),
      contextWindow: tokenCount.positive({ error: "must be > 0" }).optional(),
    },
    { error: "must be an object like { inputMtok: 2.5, outputMtok: 10 }" },
  );
  return { tierSchema, userPriceSchema };
}

let schemas: ReturnType<typeof buildSchemas> | undefined;

function describeIssues(error: z.ZodError, built: ReturnType<typeof buildSchemas>): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join(".");
      if (issue.code === "unrecognized_keys") {
        const shape =
          issue.path[0] === "tiers" ? built.tierSchema.shape : built.userPriceSchema.shape;
        const known = Object.keys(shape).join(", ");
        return `${path ? `${path}: ` : ""}unknown field ${issue.keys.map((key) => `"${key}"`).join(", ")} (known: ${known})`;
      }
      return `${path || "the price"} ${issue.message}`;
    })
    .join("; ");
}

/** A validated user price in integer nano-USD, plus its limits. */
export interface ParsedUserPrice {
  readonly prices: PriceSet;
  readonly maxOutputTokens?: number;
  readonly contextWindow?: number;
}

/**
 * Validates one user price (zod, once, at catalog construction) and converts it to integer
 * nano-USD per 1M tokens.
 *
 * @throws InvalidPriceError naming the model key and the field, with the zod error as `cause`.
 */
export function parseUserPrice(key: string, value: unknown): ParsedUserPrice {
  schemas ??= buildSchemas();
  const result = schemas.userPriceSchema.safeParse(value);
  if (!result.success) {
    throw new InvalidPriceError({
      model: key,
      message: `Invalid price for "${key}": ${describeIssues(result.error, schemas)}. Prices are USD per 1M tokens, e.g. { inputMtok: 2.5, outputMtok: 10 }.`,
      cause: result.error,
    });
  }
  const price = result.data;
  const tiers = [...(price.tiers ?? [])].sort(
    (left, right) => left.startInputTokens - right.startInputTokens,
  );
  const starts = new Set<number>();
  for (const tier of tiers) {
    if (starts.has(tier.startInputTokens)) {
      throw new InvalidPriceError({
        model: key,
        message: `Invalid price for "${key}": two tiers start at ${tier.startInputTokens} input tokens; give each tier its own startInputTokens.`,
      });
    }
    starts.add(tier.startInputTokens);
  }
  const prices: { [kind in PriceKind]?: PriceValue } = {};
  for (const field of Object.keys(USD_FIELDS) as UsdField[]) {
    const base = price[field];
    if (base === undefined) {
      const tierWithField = tiers.find((tier) => tier[field] !== undefined);
      if (tierWithField !== undefined) {
        throw new InvalidPriceError({
          model: key,
          message: `Invalid price for "${key}": tiers set ${field} but the price has no top-level ${field}; add it for requests below the first tier.`,
        });
      }
      continue;
    }
    const baseNano = usdPriceToNanoUsd(base);
    if (tiers.length === 0) {
      prices[USD_FIELDS[field]] = baseNano;
      continue;
    }
    let previous = baseNano;
    const tiered: TieredPrice = {
      base: baseNano,
      tiers: tiers.map((tier) => {
        const tierPrice = tier[field];
        previous = tierPrice === undefined ? previous : usdPriceToNanoUsd(tierPrice);
        return { start: tier.startInputTokens, price: previous };
      }),
    };
    prices[USD_FIELDS[field]] = tiered;
  }
  return {
    prices,
    ...(price.maxOutputTokens !== undefined ? { maxOutputTokens: price.maxOutputTokens } : {}),
    ...(price.contextWindow !== undefined ? { contextWindow: price.contextWindow } : {}),
  };
}
