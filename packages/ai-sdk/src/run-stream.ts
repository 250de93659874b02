import type { Ledger, LedgerContext, SettleMeta } from "@tokenledger/core";
import { callPrompt } from "./call-prompt.js";
import { deferSettlement, type WaitUntil } from "./defer-settlement.js";
import { ledgerProviderMetadata, withLedgerMetadata } from "./ledger-metadata.js";
import type { CallOptionsLike, LanguageModelLike, StreamResultLike } from "./model-shapes.js";
import { type OutputCap, outputCapFor } from "./output-cap.js";
import { paramsCappedAtHold } from "./params-capped-at-hold.js";
import { readFinishReason, readProviderMetadata } from "./read-model-result.js";
import { type FallbackTarget, reserveCall } from "./reserve-call.js";
import { settleFailedCall } from "./settle-failed-call.js";
import { settleReportedUsage } from "./settle-reported-usage.js";
import { wrapStreamAccounting } from "./wrap-stream-accounting.js";

/** One `doStream` as the middleware sees it. */
export interface StreamCall<Result extends StreamResultLike> {
  ledger: Ledger;
  /** The model `wrapStream` was given: called directly when the params are capped. */
  model: LanguageModelLike;
  params: CallOptionsLike;
  context: LedgerContext;
  fallbacks: readonly FallbackTarget[];
  doStream: () => PromiseLike<Result>;
  maxOutputUsd: number | undefined;
  /** Tell the provider the output tokens held when the call set no `maxOutputTokens`. */
  capAtHold: boolean;
  /** Run a call that does not fit at the output cap that does (see the middleware's option). */
  shrinkToFit: boolean | { minOutputTokens: number };
  /** Also stop the stream client-side once its counted output passes the hold. */
  stopStreamAtHold: boolean;
  /** Hands settlement to the platform instead of awaiting it (see the middleware's option). */
  waitUntil?: WaitUntil | undefined;
}

/**
 * One billable `doStream`: hold the worst case, open the admitted model's stream, and return it
 * wrapped so the hold is settled exactly once however the stream ends (see
 * {@link wrapStreamAccounting}). The `finish` part carries the record's summary in
 * `providerMetadata.tokenledger`, as does the synthetic `finish` of a tripped cap (not with
 * `waitUntil`, nor on a stream aborted or broken before `finish`).
 */
export async function runStream<Result extends StreamResultLike>(
  call: StreamCall<Result>,
): Promise<Result> {
  const { ledger, model, params, context, fallbacks } = call;
  const { reservation, fallback } = await reserveCall(ledger, {
    model,
    params,
    context,
    fallbacks,
    shrinkToFit: call.shrinkToFit,
  });
  let cap: OutputCap | undefined;
  try {
    cap = await outputCapFor({
      ledger,
      reservation,
      prompt: callPrompt(params),
      maxOutputUsd: call.maxOutputUsd,
      capAtHold: call.stopStreamAtHold,
    });
  } catch (error) {
    await reservation.release("output-cap-unavailable");
    throw error;
  }
  const abortedBeforeSend = params.abortSignal?.aborted === true;
  const startedAtMs = Date.now();
  let result: Result;
  try {
    const sent = paramsCappedAtHold(params, reservation, call.capAtHold);
    if (fallback !== undefined) {
      result = (await fallback.model.doStream(sent)) as Result;
    } else {
      result = sent === params ? await call.doStream() : ((await model.doStream(sent)) as Result);
    }
  } catch (error) {
    await deferSettlement(call.waitUntil, () =>
      settleFailedCall(reservation, error, { abortedBeforeSend, startedAtMs }),
    );
    throw error;
  }
  const answeringProvider = (fallback?.model ?? model).provider;
  const stream = wrapStreamAccounting(result.stream, {
    // The shape the calling SDK expects: the middleware sees v2 models on ai@5 only.
    usageShape: model.specificationVersion === "v2" ? "flat" : "nested",
    cap,
    onFinish: ({ part, responseModel, errorSeen, outputText }) =>
      settleFinish(call.waitUntil, part, () =>
        settleReportedUsage(reservation, {
          usage: (part as { usage?: unknown }).usage,
          providerMetadata: readProviderMetadata(part),
          finishReason: readFinishReason(part),
          responseModel,
          provider: answeringProvider,
          outputText,
          status: errorSeen ? "error" : "ok",
          startedAtMs,
          responseHeaders: (
            result as { response?: { headers?: Record<string, string | undefined> } }
          ).response?.headers,
        }),
      ),
    onCut: (cut) => {
      const meta: SettleMeta = {
        status: cut.status,
        estimated: true,
        latencyMs: Date.now() - startedAtMs,
        metadata: { endReason: cut.endReason },
      };
      if (cut.responseModel !== undefined) meta.responseModel = cut.responseModel;
      // A tripped cap still emits a finish: it carries the summary (see wrapStreamAccounting).
      return deferSettlement(call.waitUntil, () =>
        reservation.settleFromText(cut.outputText, meta),
      ).then((record) => (record === undefined ? undefined : ledgerProviderMetadata(record)));
    },
  });
  return { ...result, stream };
}

/** Settles at `finish`; resolves to the part to pass on, with the record's summary when known. */
function settleFinish(
  waitUntil: WaitUntil | undefined,
  part: unknown,
  settle: () => ReturnType<typeof settleReportedUsage>,
): Promise<unknown> {
  return deferSettlement(waitUntil, settle).then((record) =>
    record === undefined ? part : withLedgerMetadata(part, record),
  );
}
