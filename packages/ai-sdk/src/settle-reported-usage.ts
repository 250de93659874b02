import {
  aiSdkUsageParts,
  fromAiSdkUsage,
  InvalidUsageError,
  type Reservation,
  readReportedCostUsd,
  type SettleMeta,
  type Usage,
  type UsageRecord,
} from "@tokenledger/core";
import { readGatewayGenerationId } from "./read-model-result.js";
import { answeredServiceTier } from "./read-service-tier.js";

/** What a finished model call reported (from a generate result or a stream's `finish` part). */
export interface ReportedOutcome {
  /** `usage` as the model returned it: flat (spec v2) or nested (v3/v4); may be missing. */
  usage: unknown;
  providerMetadata: Readonly<Record<string, unknown>> | undefined;
  /** The provider's own usage from the HTTP body (generate results only), for what ai@5 drops. */
  rawUsage?: unknown;
  finishReason: string | undefined;
  /** The model id the provider answered with, when it said. */
  responseModel: string | undefined;
  /** Provider of the model that answered (`anthropic.messages`), for usage quirks. */
  provider: string;
  /** The produced text, read only when usage is missing or unusable. */
  outputText: () => string;
  status: "ok" | "error";
  startedAtMs: number;
  /** Response headers (a LiteLLM proxy's `x-litellm-response-cost`), when the result has them. */
  responseHeaders?: Readonly<Record<string, string | undefined>> | undefined;
}

/**
 * Settles a hold with the usage the provider reported, normalized by core (flat v2 or nested
 * v3/v4, provider quirks). Usage missing (a provider or proxy that sends none) is never a zero:
 * the call is settled from the produced text and marked estimated. Usage that cannot be used
 * (a part larger than its total, as some proxies report) is settled the same way, with the
 * reason in `metadata.usageError`: the call was paid for, so its result is kept and recorded.
 * The cost a gateway reported (AI Gateway, OpenRouter, LiteLLM's header) is kept beside ours.
 * A call billed across several models or steps (Anthropic `iterations`: advisor, compaction)
 * is settled part by part.
 *
 * Resolves to the record written (adapters put its summary on the call's result).
 *
 * @throws the settlement's error (e.g. `StoreUnavailableError`) only when no record could be
 * written; the hold is released first when possible.
 */
export function settleReportedUsage(
  reservation: Reservation,
  outcome: ReportedOutcome,
): Promise<UsageRecord> {
  const metadata: Record<string, unknown> = {};
  if (outcome.finishReason !== undefined) metadata.finishReason = outcome.finishReason;
  const generationId = readGatewayGenerationId(outcome.providerMetadata);
  if (generationId !== undefined) metadata.gatewayGenerationId = generationId;
  const meta: SettleMeta = {
    status: outcome.status,
    latencyMs: Date.now() - outcome.startedAtMs,
    metadata,
  };
  if (outcome.responseModel !== undefined) meta.responseModel = outcome.responseModel;
  const serviceTier = answeredServiceTier(outcome.providerMetadata, outcome.provider);
  if (serviceTier !== undefined) meta.serviceTier = serviceTier;
  const reportedCostUsd = readReportedCostUsd({
    providerMetadata: outcome.providerMetadata,
    headers: outcome.responseHeaders,
  });
  if (reportedCostUsd !== undefined) meta.providerReportedCostUsd = reportedCostUsd;
  // Promise chains, not async functions: this runs on every call.
  let settled: Promise<UsageRecord>;
  try {
    settled = settleOutcome(reservation, outcome, meta);
  } catch (error) {
    settled = Promise.reject(error);
  }
  return settled.then(undefined, (error: unknown) =>
    // Last resort: nothing was recorded, so at least free the hold before reporting why.
    reservation
      .release("settle-failed")
      .catch(ignore)
      .then(() => {
        throw error;
      }),
  );
}

const ignore = (): void => undefined;

function settleOutcome(
  reservation: Reservation,
  outcome: ReportedOutcome,
  reportedMeta: SettleMeta,
): Promise<UsageRecord> {
  let meta = reportedMeta;
  let usage: Usage | undefined;
  try {
    const options = {
      provider: outcome.provider,
      providerMetadata: outcome.providerMetadata,
      rawUsage: outcome.rawUsage,
    };
    usage = fromAiSdkUsage(outcome.usage, options);
    const parts = aiSdkUsageParts(outcome.usage, options);
    if (parts !== undefined) meta = { ...meta, parts };
  } catch (error) {
    return settleFromOutput(reservation, outcome, meta, usageInvalid(error));
  }
  if (usage === undefined) {
    return settleFromOutput(reservation, outcome, meta, { endReason: "usage-missing" });
  }
  return reservation.settle(usage, meta).then(undefined, (error: unknown) => {
    // Core checks usage before any store write, so a rejected usage left the hold open.
    if (!InvalidUsageError.isInstance(error)) throw error;
    return settleFromOutput(reservation, outcome, meta, usageInvalid(error));
  });
}

/** Settles from the produced text (estimated), the input counted at reserve time. */
function settleFromOutput(
  reservation: Reservation,
  outcome: ReportedOutcome,
  meta: SettleMeta,
  reason: Record<string, unknown>,
): Promise<UsageRecord> {
  return reservation.settleFromText(outcome.outputText(), {
    ...meta,
    estimated: true,
    metadata: { ...meta.metadata, ...reason },
  });
}

function usageInvalid(error: unknown): Record<string, unknown> {
  const message = error instanceof Error ? error.message : String(error);
  return { endReason: "usage-invalid", usageError: message };
}
