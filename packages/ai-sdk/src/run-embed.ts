import { fromAiSdkEmbeddingUsage, type Ledger, type LedgerContext } from "@tokenledger/core";
import type { EmbeddingCallOptionsLike, ModelIdentity } from "./model-shapes.js";
import { settleFailedCall } from "./settle-failed-call.js";

/** One `doEmbed` (one chunk of `embedMany`) as the middleware sees it. */
export interface EmbedCall<Result> {
  ledger: Ledger;
  model: ModelIdentity;
  params: EmbeddingCallOptionsLike;
  context: LedgerContext;
  doEmbed: () => PromiseLike<Result>;
}

/**
 * One billable `doEmbed`: hold the estimated input tokens of the values (kind `embedding`, no
 * output), call, and settle with `usage.tokens`. A provider that reports no usage (Google;
 * the SDK turns it into `NaN`) is settled from the estimate and marked estimated.
 */
export async function runEmbed<Result>(call: EmbedCall<Result>): Promise<Result> {
  const { ledger, model, params, context } = call;
  const reservation = await ledger.reserve({
    model: model.modelId,
    provider: model.provider,
    kind: "embedding",
    context,
    prompt: params.values.map(valueText).join("\n"),
    maxOutputTokens: 0,
  });
  const abortedBeforeSend = params.abortSignal?.aborted === true;
  const startedAtMs = Date.now();
  let result: Result;
  try {
    result = await call.doEmbed();
  } catch (error) {
    await settleFailedCall(reservation, error, { abortedBeforeSend, startedAtMs });
    throw error;
  }
  const usage = fromAiSdkEmbeddingUsage((result as { usage?: unknown } | undefined)?.usage);
  const latencyMs = Date.now() - startedAtMs;
  if (usage === undefined) {
    await reservation.settleFromText("", {
      status: "ok",
      estimated: true,
      latencyMs,
      metadata: { endReason: "usage-missing" },
    });
  } else {
    await reservation.settle(usage, { status: "ok", latencyMs });
  }
  return result;
}

function valueText(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
