import type { UsageRecord } from "../ledger/types.js";
import type { CostBreakdown, CostLine } from "../pricing/types.js";

/** One cost line explained: tokens (or requests) × price = nano-USD. */
export interface ExplainedCostLine {
  /** `input`, `cacheRead`, `output`, `reasoning`, `request`, `webSearch`, … */
  kind: string;
  tokens: number;
  /** Price applied, USD per 1M tokens (per 1,000 requests on `request`/`webSearch` lines). */
  usdPerMtok: number;
  nanoUsdPerMtok: number;
  /** Exact cost of the line before the one rounding of the request. */
  exactNanoUsd: number;
  requests?: number;
  nanoUsdPerThousandRequests?: number;
}

/** Why a record cost what it did, as `explain --json` prints it. */
export interface RecordExplanation {
  id: string;
  time: string;
  kind: string;
  status: string;
  provider: string;
  model: string;
  requestedModel: string;
  responseModel?: string;
  fallbackFrom?: string;
  priced: boolean;
  costNanoUsd: number;
  costUsd: number;
  priceEntry?: string;
  priceMatch?: string;
  priceSource?: string;
  priceSnapshot?: string;
  priceEffectiveFrom?: string;
  serviceTier?: string;
  unpricedServiceTier?: string;
  tierStartTokens?: number;
  unpricedUnits?: string[];
  lines: ExplainedCostLine[];
  estimated: boolean;
  /** Why the usage is (or is not) an estimate. */
  estimatedReason: string;
  reportedCostNanoUsd?: number;
  context: UsageRecord["context"];
  parts?: {
    model: string;
    provider: string;
    step?: string;
    costNanoUsd: number;
    lines: ExplainedCostLine[];
  }[];
}

function explainLines(cost: CostBreakdown | null): ExplainedCostLine[] {
  return (cost?.lines ?? []).map((line: CostLine) => {
    const explained: ExplainedCostLine = {
      kind: line.kind,
      tokens: line.tokens,
      usdPerMtok: line.nanoUsdPerMtok / 1e9,
      nanoUsdPerMtok: line.nanoUsdPerMtok,
      exactNanoUsd: line.exactNanoUsd,
    };
    if (line.requests !== undefined) explained.requests = line.requests;
    if (line.nanoUsdPerThousandRequests !== undefined)
      explained.nanoUsdPerThousandRequests = line.nanoUsdPerThousandRequests;
    return explained;
  });
}

function estimatedReason(record: UsageRecord): string {
  if (!record.estimated) return "the provider reported the usage";
  if (record.status === "aborted")
    return "the call was cut off before the provider reported usage: input from the pre-call estimate, output counted from the text produced";
  if (record.status === "error")
    return "the call failed before the provider reported usage: counted from the prompt and any text produced";
  return "the provider reported no usage: counted from the prompt and the text produced";
}

/** Everything a record says about its cost, in one object (no store access, no pricing). */
export function explainRecord(record: UsageRecord): RecordExplanation {
  const cost = record.cost;
  const explanation: RecordExplanation = {
    id: record.id,
    time: record.time,
    kind: record.kind,
    status: record.status,
    provider: record.provider,
    model: record.model,
    requestedModel: record.requestedModel,
    priced: record.priced,
    costNanoUsd: record.costNanoUsd,
    costUsd: record.costNanoUsd / 1e9,
    lines: explainLines(cost),
    estimated: record.estimated,
    estimatedReason: estimatedReason(record),
    context: record.context,
  };
  const optional = {
    responseModel: record.responseModel,
    fallbackFrom: record.fallbackFrom,
    priceEntry: record.priceEntry,
    priceMatch: record.priceMatch ?? cost?.priceMatch,
    priceSource: record.priceSource ?? cost?.priceSource,
    priceSnapshot: record.priceSnapshot,
    priceEffectiveFrom: cost?.priceEffectiveFrom,
    serviceTier: cost?.serviceTier,
    unpricedServiceTier: cost?.unpricedServiceTier,
    tierStartTokens: cost?.tierStartTokens,
    unpricedUnits: cost?.unpricedUnits,
    reportedCostNanoUsd: record.reportedCostNanoUsd,
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (explanation as unknown as Record<string, unknown>)[key] = value;
  }
  if (record.parts !== undefined && record.parts.length > 0) {
    explanation.parts = record.parts.map((part) => ({
      model: part.model,
      provider: part.provider,
      ...(part.step !== undefined ? { step: part.step } : {}),
      costNanoUsd: part.costNanoUsd,
      lines: explainLines(part.cost),
    }));
  }
  return explanation;
}
