import type { UsageMetadata } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import {
  type CallStatus,
  fromLangChainUsage,
  type Reservation,
  type SettleMeta,
  type UsageRecord,
} from "@tokenledger/core";
import { outcomeFromResult } from "./outcome-from-result.js";
import type { RunClaim } from "./run-claims.js";
import { usageFromStreamedChunks } from "./streamed-usage.js";

/** One model call (`handleChatModelStart`/`handleLLMStart` → end, error or never). */
export interface ModelRun {
  runId: string;
  claim: RunClaim;
  /** The hold this handler took; `undefined` while it is being taken or when another handler owns the run. */
  reservation: Reservation | undefined;
  /**
   * The hold being taken: resolves with it, or `undefined` when it was refused. `undefined`
   * when another handler on the ledger owns the run.
   */
  reserving: Promise<Reservation | undefined> | undefined;
  provider: string | undefined;
  batchSize: number;
  /** The request may run billed steps (advisor, compaction) that a stream hides from callbacks. */
  mayHideSteps: boolean;
  startedAtMs: number;
  /** Text streamed so far through `handleLLMNewToken` (tool-call arguments included). */
  streamedText: string;
  /** Usage chunks streamed so far (OpenAI's final chunk, Anthropic's start and delta). */
  streamedUsage: UsageMetadata[];
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Stops listening to the call's AbortSignal. */
  stopWatchingSignal: (() => void) | undefined;
}

function baseMeta(run: ModelRun, status: CallStatus, extra: Record<string, unknown>): SettleMeta {
  return {
    status,
    latencyMs: Date.now() - run.startedAtMs,
    metadata: { langchainRunId: run.runId, ...extra },
  };
}

/**
 * Settles a run that ended normally: reported usage when there is some (once per prompt),
 * else an estimate from the generated text. A LangChain cache hit is released: the provider
 * was not called, so nothing was spent.
 */
export async function settleEndedRun(
  run: ModelRun,
  reservation: Reservation,
  output: LLMResult,
  extraParams: Record<string, unknown> | undefined,
): Promise<UsageRecord | undefined> {
  if (extraParams?.cached === true) {
    await reservation.release("langchain-cache-hit");
    return undefined;
  }
  const outcome = outcomeFromResult(output, {
    provider: run.provider,
    batchSize: run.batchSize,
    streamedChunks: run.streamedUsage,
  });
  const meta: SettleMeta = {
    ...baseMeta(run, "ok", { usageSource: outcome.source }),
    ...(outcome.responseModel === undefined ? {} : { responseModel: outcome.responseModel }),
    ...(outcome.parts === undefined ? {} : { parts: outcome.parts }),
    ...(outcome.serviceTier === undefined ? {} : { serviceTier: outcome.serviceTier }),
  };
  if (outcome.usage) {
    if (run.mayHideSteps && run.streamedUsage.length > 0 && outcome.parts === undefined) {
      // @langchain/anthropic drops the final message_delta's usage (input, iterations): the
      // advisor's or compaction's tokens may be missing, so the record says it is a floor.
      meta.estimated = true;
      meta.metadata = { ...meta.metadata, estimateReason: "stream-hides-iterations" };
    }
    return reservation.settle(outcome.usage, meta);
  }
  return reservation.settleFromText(outcome.text, { ...meta, estimated: true });
}

/**
 * Settles a run that errored or never ended (stream broken off, aborted, parent gone): from
 * the usage chunks it streamed, else estimated from the text it streamed. A run that produced
 * nothing is released (the call failed before anything was generated, or never happened
 * because another handler refused it).
 */
export async function settleUnendedRun(
  run: ModelRun,
  reservation: Reservation,
  status: Exclude<CallStatus, "ok">,
  reason: string,
): Promise<UsageRecord | undefined> {
  const streamed = usageFromStreamedChunks(run.streamedUsage, run.provider);
  const usage = streamed && fromLangChainUsage(streamed);
  if (usage) return reservation.settle(usage, baseMeta(run, status, { endedBy: reason }));
  if (run.streamedText.length > 0) {
    return reservation.settleFromText(run.streamedText, {
      ...baseMeta(run, status, { endedBy: reason }),
      estimated: true,
    });
  }
  await reservation.release(reason);
  return undefined;
}

/** True for the errors LangChain and fetch raise when a call is cancelled. */
export function isAbortError(error: unknown): boolean {
  const name = error instanceof Error ? error.name : undefined;
  return name === "AbortError" || name === "ModelAbortError";
}
