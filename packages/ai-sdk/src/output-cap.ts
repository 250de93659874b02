import {
  BudgetExceededError,
  type Ledger,
  type Reservation,
  UnknownModelError,
} from "@tokenledger/core";
import type { CallPrompt } from "./call-prompt.js";

/** Why and where a capped stream was stopped. */
export interface OutputCapTrip {
  /** Sent to the caller as the stream's `error` part. */
  error: BudgetExceededError;
  /** Input tokens held for the call (the estimate), reported in the synthetic `finish`. */
  inputTokens: number;
  /** Output tokens counted so far. */
  outputTokens: number;
}

/** Counts streamed output and says when it passed the limit. */
export interface OutputCap {
  /**
   * Feed one output delta; `outputText` returns all output so far (read only to confirm a trip).
   * Returns `undefined` (no work beyond adding a length) until a checkpoint is due; then a
   * promise of the trip, or of `undefined` if still under the limit.
   */
  add(delta: string, outputText: () => string): Promise<OutputCapTrip | undefined> | undefined;
}

/** Largest batch of characters tokenized at once while far from the limit. */
const maxBatchChars = 256;
/** Byte-level BPE never yields more tokens than UTF-8 bytes, and a character is at most 4 bytes. */
const maxTokensPerChar = 4;

/**
 * A cap of `limitTokens` output tokens for one stream. Deltas are tokenized in batches (each
 * character once, so the work stays linear in the output), and batches shrink as the limit nears
 * so the stream stops within one delta of it. Batch counts can only over-count (each batch
 * rounds up), so a trip is confirmed by counting the whole output once before the stream is
 * stopped; if it is still under the limit, the running count is reset to that exact count.
 */
export function createOutputCap(options: {
  ledger: Ledger;
  reservation: Reservation;
  limitTokens: number;
  /** Limit as the caller set it, for the error (`usd` in nano-USD, or `tokens`). */
  describe: { ruleId: string; limitKind: "usd" | "tokens"; limit: number; perToken: number };
}): OutputCap {
  const { ledger, reservation, limitTokens } = options;
  const model = { model: reservation.model, provider: reservation.provider };
  let pending: string[] = [];
  let pendingChars = 0;
  let countedTokens = 0;
  let nextCheckChars = checkpointChars(limitTokens);

  const check = async (outputText: () => string): Promise<OutputCapTrip | undefined> => {
    const batch = pending.join("");
    pending = [];
    pendingChars = 0;
    countedTokens += await ledger.countTokens(batch, model);
    if (countedTokens > limitTokens) countedTokens = await ledger.countTokens(outputText(), model);
    nextCheckChars = checkpointChars(limitTokens - countedTokens);
    if (countedTokens <= limitTokens) return undefined;
    const { ruleId, limitKind, limit, perToken } = options.describe;
    const spent = Math.ceil(countedTokens * perToken);
    return {
      inputTokens: reservation.estimate.inputTokens,
      outputTokens: countedTokens,
      error: new BudgetExceededError({
        denial: {
          ruleId,
          scope: "call",
          scopeValue: reservation.model,
          limitKind,
          limit,
          spent,
          held: 0,
          requested: spent,
          resetsAt: null,
        },
        message:
          limitKind === "usd"
            ? `The stream was stopped: its output (${countedTokens} tokens, about $${(spent / 1e9).toFixed(6)}) passed ${ruleId} ($${(limit / 1e9).toFixed(6)}). The text so far was delivered and recorded; raise ${ruleId} or lower maxOutputTokens.`
            : `The stream was stopped: its output (${countedTokens} tokens) passed the ${limit} output tokens held for it. The text so far was delivered and recorded; pass maxOutputTokens to hold what the call needs.`,
      }),
    };
  };

  return {
    add(delta, outputText) {
      pending.push(delta);
      pendingChars += delta.length;
      return pendingChars >= nextCheckChars ? check(outputText) : undefined;
    },
  };
}

function checkpointChars(remainingTokens: number): number {
  return Math.max(1, Math.min(maxBatchChars, Math.floor(remainingTokens / maxTokensPerChar)));
}

/**
 * The cap for one stream, or `undefined` when none applies: `maxOutputUsd` turned into output
 * tokens at the admitted model's output price for this call's input size (asked of the ledger,
 * which owns prices and their context tiers), and/or — with `capAtHold` — the output tokens
 * held for the call.
 *
 * @throws UnknownModelError when `maxOutputUsd` is set but the model has no price.
 */
export async function outputCapFor(options: {
  ledger: Ledger;
  reservation: Reservation;
  /** The call's input, as reserved: the output price may depend on its size (context tiers). */
  prompt: CallPrompt;
  maxOutputUsd: number | undefined;
  capAtHold: boolean;
}): Promise<OutputCap | undefined> {
  const { ledger, reservation, maxOutputUsd, capAtHold } = options;
  // Without a cap nothing reads the estimate: a call no budget holds keeps its prompt uncounted.
  if (!capAtHold && maxOutputUsd === undefined) return undefined;
  const holdTokens = reservation.estimate.outputTokens;
  const perToken =
    maxOutputUsd === undefined
      ? 0
      : await outputNanoUsdPerToken(ledger, reservation, options.prompt);
  let cap: Parameters<typeof createOutputCap>[0] | undefined;
  if (capAtHold) {
    cap = {
      ledger,
      reservation,
      limitTokens: holdTokens,
      describe: { ruleId: "hold", limitKind: "tokens", limit: holdTokens, perToken },
    };
  }
  if (maxOutputUsd !== undefined) {
    const limitNanoUsd = Math.round(maxOutputUsd * 1e9);
    const limitTokens = perToken > 0 ? Math.floor(limitNanoUsd / perToken) : Infinity;
    if (cap === undefined || limitTokens < cap.limitTokens) {
      cap = {
        ledger,
        reservation,
        limitTokens,
        describe: { ruleId: "maxOutputUsd", limitKind: "usd", limit: limitNanoUsd, perToken },
      };
    }
  }
  return cap === undefined || cap.limitTokens === Infinity ? undefined : createOutputCap(cap);
}

/**
 * Output price of the admitted model in nano-USD per token at this call's input size: two
 * ledger estimates of the call's own prompt that differ only in output tokens (the input cost,
 * and the context tier it selects, cancel out). An empty prompt would price a long call at the
 * lowest tier. Both estimates count the prompt in the same tick, so their input counts agree;
 * if a first load of the tokenizer let them drift, they are asked once more.
 */
async function outputNanoUsdPerToken(
  ledger: Ledger,
  reservation: Reservation,
  prompt: CallPrompt,
): Promise<number> {
  const request = {
    model: reservation.model,
    provider: reservation.provider,
    kind: "chat" as const,
    ...prompt,
  };
  const manyTokens = Math.max(2, reservation.estimate.outputTokens);
  const estimatePair = () =>
    Promise.all([
      ledger.estimate({ ...request, maxOutputTokens: manyTokens }),
      ledger.estimate({ ...request, maxOutputTokens: 1 }),
    ]);
  let [many, one] = await estimatePair();
  if (many.inputTokens !== one.inputTokens) [many, one] = await estimatePair();
  if (many.costNanoUsd === null || one.costNanoUsd === null) {
    throw new UnknownModelError({
      model: reservation.model,
      provider: reservation.provider,
      message: `maxOutputUsd needs a price for model "${reservation.model}" (provider "${reservation.provider}") to know when to stop the stream. Add a price with createLedger({ prices: { "${reservation.provider}:${reservation.model}": { inputMtok: …, outputMtok: … } } }) or drop maxOutputUsd.`,
    });
  }
  return (many.costNanoUsd - one.costNanoUsd) / (manyTokens - 1);
}
