import type { Ledger, LedgerContext } from "@tokenledger/core";
import { deferSettlement, type WaitUntil } from "./defer-settlement.js";
import { withLedgerMetadata } from "./ledger-metadata.js";
import type { CallOptionsLike, LanguageModelLike } from "./model-shapes.js";
import { paramsCappedAtHold } from "./params-capped-at-hold.js";
import {
  readFinishReason,
  readGeneratedText,
  readProviderMetadata,
  readResponseBodyUsage,
  readResponseModelId,
} from "./read-model-result.js";
import { type FallbackTarget, reserveCall } from "./reserve-call.js";
import { settleFailedCall } from "./settle-failed-call.js";
import { settleReportedUsage } from "./settle-reported-usage.js";

/** One `doGenerate` as the middleware sees it. */
export interface GenerateCall<Result> {
  ledger: Ledger;
  /** The model `wrapGenerate` was given: called directly when the params are capped. */
  model: LanguageModelLike;
  params: CallOptionsLike;
  context: LedgerContext;
  fallbacks: readonly FallbackTarget[];
  doGenerate: () => PromiseLike<Result>;
  /** Tell the provider the output tokens held when the call set no `maxOutputTokens`. */
  capAtHold: boolean;
  /** Run a call that does not fit at the output cap that does (see the middleware's option). */
  shrinkToFit: boolean | { minOutputTokens: number };
  /** Hands settlement to the platform instead of awaiting it (see the middleware's option). */
  waitUntil?: WaitUntil | undefined;
}

/**
 * One billable `doGenerate`: hold the worst case, call the admitted model (the requested one or
 * a fallback) capped at the output held, then settle with the reported usage — or end the hold if the call failed.
 * The result carries the record's summary in `providerMetadata.tokenledger` (not with
 * `waitUntil`: the record does not exist yet when the result is returned).
 */
export async function runGenerate<Result>(call: GenerateCall<Result>): Promise<Result> {
  const { ledger, model, params, context, fallbacks } = call;
  const { reservation, fallback } = await reserveCall(ledger, {
    model,
    params,
    context,
    fallbacks,
    shrinkToFit: call.shrinkToFit,
  });
  const abortedBeforeSend = params.abortSignal?.aborted === true;
  const startedAtMs = Date.now();
  let result: Result;
  try {
    // A fallback model is called with the same (already transformed) params; its result has the
    // same shape as the requested model's because both implement the same spec version. Capped
    // params go to `model` itself: `doGenerate` is `model.doGenerate(params)` with the params
    // as they were.
    const sent = paramsCappedAtHold(params, reservation, call.capAtHold);
    if (fallback !== undefined) {
      result = (await fallback.model.doGenerate(sent)) as Result;
    } else {
      result =
        sent === params ? await call.doGenerate() : ((await model.doGenerate(sent)) as Result);
    }
  } catch (error) {
    await deferSettlement(call.waitUntil, () =>
      settleFailedCall(reservation, error, { abortedBeforeSend, startedAtMs }),
    );
    throw error;
  }
  const providerMetadata = readProviderMetadata(result);
  const record = await deferSettlement(call.waitUntil, () =>
    settleReportedUsage(reservation, {
      usage: (result as { usage?: unknown } | undefined)?.usage,
      providerMetadata,
      rawUsage: readResponseBodyUsage(result),
      finishReason: readFinishReason(result),
      responseModel: readResponseModelId(result),
      provider: (fallback?.model ?? model).provider,
      outputText: () => readGeneratedText(result),
      status: "ok",
      startedAtMs,
      responseHeaders: (result as { response?: { headers?: Record<string, string | undefined> } })
        ?.response?.headers,
    }),
  );
  return record === undefined ? result : withLedgerMetadata(result, record);
}
