import { fromAiSdkUsage, type Reservation, type SettleMeta } from "@tokenledger/core";
import { readGatewayCostUsd, readGatewayGenerationId } from "./read-model-result.js";

/** What a finished model call reported (from a generate result or a stream's `finish` part). */
export interface ReportedOutcome {
  /** `usage` as the model returned it: flat (spec v2) or nested (v3/v4); may be missing. */
  usage: unknown;
  providerMetadata: Readonly<Record<string, unknown>> | undefined;
  finishReason: string | undefined;
  /** The model id the provider answered with, when it said. */
  responseModel: string | undefined;
  /** Provider of the model that answered (`anthropic.messages`), for usage quirks. */
  provider: string;
  /** The produced text, read only when usage is missing. */
  outputText: () => string;
  status: "ok" | "error";
  startedAtMs: number;
}

/**
 * Settles a hold with the usage the provider reported, normalized by core (flat v2 or nested
 * v3/v4, provider quirks). Usage missing (a provider or proxy that sends none) is never a zero:
 * the call is settled from the produced text and marked estimated. The AI Gateway's own cost
 * is kept beside ours when present.
 */
export async function settleReportedUsage(
  reservation: Reservation,
  outcome: ReportedOutcome,
): Promise<void> {
  const usage = fromAiSdkUsage(outcome.usage, {
    provider: outcome.provider,
    providerMetadata: outcome.providerMetadata,
  });
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
  const gatewayCostUsd = readGatewayCostUsd(outcome.providerMetadata);
  if (gatewayCostUsd !== undefined) meta.providerReportedCostUsd = gatewayCostUsd;
  if (usage === undefined) {
    metadata.endReason = "usage-missing";
    await reservation.settleFromText(outcome.outputText(), { ...meta, estimated: true });
    return;
  }
  await reservation.settle(usage, meta);
}
