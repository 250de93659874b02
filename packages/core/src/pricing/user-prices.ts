import { InvalidPriceError } from "../errors/invalid-price-error.js";
import {
  arrayOf,
  type Check,
  describeValue,
  didYouMean,
  formatPath,
  number,
  objectOf,
  optional,
  refine,
  type ValidationIssue,
  validate,
} from "../validation/index.js";
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

/** Why `value` is not an exact USD price (see `usdPriceToNanoUsd`), or `undefined` when it is. */
function exactPriceProblem(value: number): string | undefined {
  try {
    usdPriceToNanoUsd(value);
    return undefined;
  } catch (error) {
    const reason = (error as Error).message;
    return reason.includes("decimals")
      ? "must have at most 9 decimals (prices are exact to the nano-USD)"
      : `must be an exact price: ${reason}`;
  }
}

const usd = refine(
  refine(
    number({
      message: (value) => `must be a number (USD per 1M tokens), got ${describeValue(value)}`,
    }),
    (value) => value >= 0,
    "must be ≥ 0",
  ),
  (value) => exactPriceProblem(value) === undefined,
  (value) => exactPriceProblem(value) ?? "",
);

const tokenCount = refine(
  refine(
    number({ message: "must be a number of tokens" }),
    Number.isSafeInteger,
    "must be a whole number of tokens",
  ),
  (value) => value >= 0,
  "must be ≥ 0",
);

const positiveTokenCount = refine(tokenCount, (value) => value > 0, "must be > 0");

const optionalParts = {
  cacheReadMtok: optional(usd),
  cacheWriteMtok: optional(usd),
  cacheWrite1hMtok: optional(usd),
  reasoningMtok: optional(usd),
  inputAudioMtok: optional(usd),
  outputAudioMtok: optional(usd),
  inputImageMtok: optional(usd),
};

const tierCheck: Check<UserPriceTier> = objectOf(
  { startInputTokens: tokenCount, inputMtok: usd, outputMtok: usd, ...optionalParts },
  { message: "must be an object like { startInputTokens: 200000, inputMtok: 5, outputMtok: 20 }" },
);

const userPriceCheck: Check<UserModelPrice> = objectOf(
  {
    inputMtok: usd,
    outputMtok: usd,
    ...optionalParts,
    tiers: optional(arrayOf(tierCheck, "must be a list of tiers")),
    maxOutputTokens: optional(positiveTokenCount),
    contextWindow: optional(positiveTokenCount),
  },
  { message: "must be an object like { inputMtok: 2.5, outputMtok: 10 }" },
);

function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues
    .map((issue) => {
      const path = formatPath(issue.path);
      if (issue.unknownKeys) {
        const keys = issue.unknownKeys.map((key) => `"${key}"`).join(", ");
        const hint = didYouMean(issue.unknownKeys, issue.knownKeys ?? []);
        return `${path ? `${path}: ` : ""}unknown field ${keys} (${hint ? `${hint} ` : ""}known: ${(issue.knownKeys ?? []).join(", ")})`;
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
 * Validates one user price (once, at catalog construction) and converts it to integer nano-USD
 * per 1M tokens.
 *
 * @throws InvalidPriceError naming the model key and the field, with every issue in `cause`.
 */
export function parseUserPrice(key: string, value: unknown): ParsedUserPrice {
  const result = validate(userPriceCheck, value);
  if (!result.ok) {
    throw new InvalidPriceError({
      model: key,
      message: `Invalid price for "${key}": ${describeIssues(result.error.issues)}. Prices are USD per 1M tokens, e.g. { inputMtok: 2.5, outputMtok: 10 }.`,
      cause: result.error,
    });
  }
  const price = result.value;
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
