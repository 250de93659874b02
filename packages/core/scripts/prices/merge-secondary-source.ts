import {
  type ConditionalPrice,
  type PriceSet,
  type PriceValue,
  SERVICE_TIERS,
  type ServiceTier,
  type SnapshotModel,
  type SnapshotProvider,
} from "../../src/pricing/catalog-snapshot.js";
import type { PriceKind } from "../../src/pricing/price-kind.js";
import { readLitellmEntry } from "./litellm-price-set.js";
import type { LitellmMatch } from "./match-litellm-entries.js";
import { type BatchRule, batchRuleFor, halvePrices } from "./provider-batch-rules.js";

/** Kinds compared between the sources (a difference is a conflict). */
const COMPARED_KINDS: readonly PriceKind[] = [
  "input",
  "output",
  "cacheRead",
  "cacheWrite",
  "cacheWrite1h",
  "inputAudio",
  "outputAudio",
];

/** Kinds the primary source may lack and the secondary may fill (billed units, audio). */
const FILLED_KINDS: readonly PriceKind[] = [
  "inputAudio",
  "outputAudio",
  "cacheAudioRead",
  "cacheWrite1h",
  "webSearchesKcount",
];

/** One disagreement between the sources, with the choice made. */
export interface SourceConflict {
  readonly provider: string;
  readonly model: string;
  /** LiteLLM key compared. */
  readonly secondaryKey: string;
  /** A price kind, `contextWindow`, or `serviceTiers.<tier>`. */
  readonly field: string;
  readonly primary: string;
  readonly secondary: string;
  readonly choice: string;
}

/** A value the catalog took from a rule or from the secondary source, per model. */
export interface MergeNote {
  readonly provider: string;
  readonly model: string;
  readonly note: string;
}

export interface MergeResult {
  providers: SnapshotProvider[];
  conflicts: SourceConflict[];
  /** Values filled from the secondary source (limits, audio, web search, tiers). */
  filled: MergeNote[];
  /** Tier prices derived from a provider's published rule (batch = 50 %). */
  derived: MergeNote[];
  /** Tier prices the secondary source has but that were not taken (stale base price). */
  skipped: MergeNote[];
}

/** Text of a price value in USD per 1M tokens (or per 1,000 for counted units). */
export function describePrice(value: PriceValue | undefined): string {
  if (value === undefined) return "none";
  const usd = (nano: number): string => `$${nano / 1e9}`;
  if (typeof value === "number") return usd(value);
  return `${usd(value.base)} (${value.tiers.map((tier) => `>${tier.start}: ${usd(tier.price)}`).join(", ")})`;
}

function samePrice(left: PriceValue | undefined, right: PriceValue | undefined): boolean {
  if (left === undefined || right === undefined) return left === right;
  if (typeof left === "number" || typeof right === "number") return left === right;
  return (
    left.base === right.base &&
    left.tiers.length === right.tiers.length &&
    left.tiers.every((tier, index) => {
      const other = right.tiers[index];
      // genai-prices writes "from 272K inclusive" as > 271999, LiteLLM as > 272000.
      return (
        other !== undefined && other.price === tier.price && Math.abs(other.start - tier.start) <= 1
      );
    })
  );
}

function baseOf(value: PriceValue | undefined): number | undefined {
  return value === undefined || typeof value === "number" ? value : value.base;
}

/** The price set in effect on `date` (price history by start date; daily windows ignored). */
export function currentPriceSet(model: SnapshotModel, date: string | undefined): PriceSet {
  if (!Array.isArray(model.prices)) return model.prices as PriceSet;
  const list = model.prices as readonly ConditionalPrice[];
  let current = list[0]?.prices ?? {};
  for (const entry of list) {
    if (entry.startDate !== undefined && (date === undefined || entry.startDate <= date)) {
      current = entry.prices;
    }
  }
  return current;
}

/** True when both sources list the same input and output base price (same price revision). */
function sameListPrice(primary: PriceSet, secondary: PriceSet): boolean {
  const input = baseOf(primary.input);
  const output = baseOf(primary.output);
  return (
    input !== undefined &&
    input === baseOf(secondary.input) &&
    (output ?? 0) === (baseOf(secondary.output) ?? 0)
  );
}

/**
 * A flat tier price under a standard price with long-context steps gets the same steps, scaled
 * by the tier's ratio to the standard base (OpenAI: the long-context rates apply on every tier).
 */
function alignTierValue(tierValue: PriceValue, standard: PriceValue | undefined): PriceValue {
  if (standard === undefined || typeof standard === "number") return tierValue;
  if (typeof tierValue === "number") {
    if (standard.base === 0) return tierValue;
    return {
      base: tierValue,
      tiers: standard.tiers.map((tier) => ({
        start: tier.start,
        price: Math.round((tierValue * tier.price) / standard.base),
      })),
    };
  }
  return {
    base: tierValue.base,
    tiers: tierValue.tiers.map((tier) => {
      const near = standard.tiers.find((step) => Math.abs(step.start - tier.start) <= 1);
      return { start: near?.start ?? tier.start, price: tier.price };
    }),
  };
}

function alignTierSet(tier: PriceSet, standard: PriceSet): PriceSet {
  const aligned: { [kind in PriceKind]?: PriceValue } = {};
  for (const [kind, value] of Object.entries(tier) as [PriceKind, PriceValue][]) {
    aligned[kind] = alignTierValue(value, standard[kind]);
  }
  return aligned;
}

/**
 * True when the primary price is flat and the secondary has the same base price with
 * long-context steps: the primary lacks the steps (it does not contradict them).
 */
function addsSteps(primary: PriceValue | undefined, secondary: PriceValue | undefined): boolean {
  return (
    typeof primary === "number" &&
    secondary !== undefined &&
    typeof secondary !== "number" &&
    secondary.base === primary
  );
}

function fillPrices(target: PriceSet, secondary: PriceSet): { prices: PriceSet; kinds: string[] } {
  const filled: { [kind in PriceKind]?: PriceValue } = { ...target };
  const kinds: string[] = [];
  for (const kind of COMPARED_KINDS) {
    if (addsSteps(target[kind], secondary[kind])) {
      filled[kind] = secondary[kind];
      kinds.push(`${kind} long-context steps`);
    }
  }
  if (!sameListPrice(target, secondary)) return { prices: filled, kinds };
  for (const kind of FILLED_KINDS) {
    const value = secondary[kind];
    if (filled[kind] === undefined && value !== undefined) {
      filled[kind] = value;
      kinds.push(kind);
    }
  }
  return { prices: filled, kinds };
}

/**
 * Merges the secondary source (LiteLLM) into the primary (genai-prices) by the precedence
 * written in scripts/prices/README.md: the primary's prices and context windows win; the
 * secondary fills max output tokens, missing context windows, audio and web-search prices (only
 * where both list the same input/output price) and service tiers (likewise); batch prices the
 * sources lack follow the provider's published rule.
 */
export function mergeSecondarySource(
  providers: readonly SnapshotProvider[],
  matches: readonly LitellmMatch[],
  primaryDate: string | undefined,
): MergeResult {
  const byModel = new Map(matches.map((match) => [match.model, match]));
  const result: MergeResult = {
    providers: [],
    conflicts: [],
    filled: [],
    derived: [],
    skipped: [],
  };
  for (const provider of providers) {
    const batchRule = batchRuleFor(provider.id);
    const models = provider.models.map((model) =>
      mergeModel(provider.id, model, byModel.get(model), batchRule, primaryDate, result),
    );
    result.providers.push({ ...provider, models });
  }
  return result;
}

function mergeModel(
  providerId: string,
  model: SnapshotModel,
  match: LitellmMatch | undefined,
  batchRule: BatchRule | undefined,
  primaryDate: string | undefined,
  result: MergeResult,
): SnapshotModel {
  const ids = { provider: providerId, model: model.id };
  const current = currentPriceSet(model, primaryDate);
  const tiers: { [tier in ServiceTier]?: PriceSet } = {};
  let merged: SnapshotModel = model;
  if (match !== undefined) {
    const secondary = readLitellmEntry(match.entry);
    const conflict = (field: string, primary: string, other: string, choice: string): void => {
      result.conflicts.push({
        ...ids,
        secondaryKey: match.key,
        field,
        primary,
        secondary: other,
        choice,
      });
    };
    for (const kind of COMPARED_KINDS) {
      const mine = current[kind];
      const theirs = secondary.prices[kind];
      if (mine !== undefined && theirs !== undefined && !samePrice(mine, theirs)) {
        conflict(
          kind,
          describePrice(mine),
          describePrice(theirs),
          addsSteps(mine, theirs)
            ? "LiteLLM's long-context steps (same base price; genai-prices has no steps)"
            : "genai-prices (primary, newer)",
        );
      }
    }
    const limits: { contextWindow?: number; maxOutputTokens?: number } = {};
    const filledNotes: string[] = [];
    if (secondary.maxOutputTokens !== undefined) {
      limits.maxOutputTokens = secondary.maxOutputTokens;
      filledNotes.push(`maxOutputTokens ${secondary.maxOutputTokens}`);
    }
    if (model.contextWindow === undefined && secondary.contextWindow !== undefined) {
      limits.contextWindow = secondary.contextWindow;
      filledNotes.push(`contextWindow ${secondary.contextWindow}`);
    } else if (
      model.contextWindow !== undefined &&
      secondary.contextWindow !== undefined &&
      model.contextWindow !== secondary.contextWindow
    ) {
      conflict(
        "contextWindow",
        String(model.contextWindow),
        String(secondary.contextWindow),
        "genai-prices (primary, newer)",
      );
    }
    const prices = Array.isArray(model.prices)
      ? (model.prices as readonly ConditionalPrice[]).map((entry) => {
          const { prices: set, kinds } = fillPrices(entry.prices, secondary.prices);
          if (kinds.length > 0)
            filledNotes.push(
              `${kinds.join(", ")}${entry.startDate ? ` (from ${entry.startDate})` : ""}`,
            );
          return { ...entry, prices: set };
        })
      : (() => {
          const { prices: set, kinds } = fillPrices(model.prices as PriceSet, secondary.prices);
          if (kinds.length > 0) filledNotes.push(kinds.join(", "));
          return set;
        })();
    for (const [tier, set] of Object.entries(secondary.serviceTiers) as [ServiceTier, PriceSet][]) {
      if (sameListPrice(current, secondary.prices)) {
        tiers[tier] = alignTierSet(set, current);
        filledNotes.push(`${tier} tier`);
      } else {
        result.skipped.push({
          ...ids,
          note: `${tier} tier of ${match.key} not taken: LiteLLM lists input ${describePrice(secondary.prices.input)} / output ${describePrice(secondary.prices.output)}, genai-prices ${describePrice(current.input)} / ${describePrice(current.output)}`,
        });
      }
    }
    if (filledNotes.length > 0) {
      result.filled.push({ ...ids, note: `${filledNotes.join("; ")} (from ${match.key})` });
    }
    merged = { ...model, ...limits, prices };
  }
  if (tiers.batch === undefined && batchRule !== undefined && baseOf(current.input) !== undefined) {
    tiers.batch = halvePrices(current, batchRule.kinds);
    result.derived.push({ ...ids, note: "batch" });
  }
  if (Object.keys(tiers).length === 0) return merged;
  const ordered: { [tier in ServiceTier]?: PriceSet } = {};
  for (const tier of SERVICE_TIERS) {
    if (tiers[tier] !== undefined) ordered[tier] = tiers[tier];
  }
  return { ...merged, serviceTiers: ordered };
}
