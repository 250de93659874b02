import type { Admission } from "./admit-call.js";
import type { LedgerRuntime } from "./ledger-runtime.js";
import { type SettleInput, settleCall } from "./settle-call.js";
import type {
  CallKind,
  LedgerContext,
  Reservation,
  ReserveRequest,
  SettleMeta,
  UsageRecord,
} from "./types.js";

/**
 * Wraps an admission in the public {@link Reservation}: settle, settleFromText and release are
 * idempotent, and whichever comes first wins (a settle after a release still records the
 * spend — money spent is never dropped; a release after a settle does nothing).
 */
export function createReservation(
  runtime: LedgerRuntime,
  request: ReserveRequest,
  context: LedgerContext,
  admission: Admission,
): Reservation {
  const kind: CallKind = request.kind ?? "chat";
  const tracks = runtime.scope.activeTracks();
  const startedAtMs = runtime.now();
  let settled: Promise<UsageRecord> | undefined;
  let released: Promise<void> | undefined;

  const settle = (usage: Parameters<Reservation["settle"]>[0], meta?: SettleMeta) => {
    if (settled) return settled;
    const input: SettleInput = {
      id: admission.id,
      kind,
      requestedModel: request.model,
      priced: admission.priced,
      provider: admission.provider,
      model: admission.model,
      fallbackFrom: admission.fallbackFrom,
      context,
      plans: admission.plans,
      tracks,
      // A no-hold call's prompt was counted only if something read the estimate.
      reserved: {
        inputTokens: admission.inputCounted() ? admission.estimate.inputTokens : undefined,
        outputTokens: admission.outputTokens,
      },
      ...admission.fingerprint,
      startedAtMs,
    };
    // A rejected settle wrote nothing (usage is checked before any store write): forget it, so
    // a corrected settle or a release can still close the reservation.
    const attempt = settleCall(runtime, input, usage, meta).then(
      (record) => {
        if (!record.estimated) admission.learn(record.usage.inputTokens);
        return record;
      },
      (error: unknown) => {
        if (settled === attempt) settled = undefined;
        throw error;
      },
    );
    settled = attempt;
    return attempt;
  };

  const release = (): Promise<void> => {
    // After a settle this does nothing; after a settle that failed it frees the hold.
    if (settled) return settled.then(() => undefined, release);
    released ??= admission.held
      ? runtime.guard.write("release", () =>
          runtime.store.release({ id: admission.id, nowMs: runtime.now() }),
        )
      : Promise.resolve();
    return released;
  };

  return {
    id: admission.id,
    model: admission.model,
    provider: admission.provider,
    fallbackFrom: admission.fallbackFrom,
    context,
    get estimate() {
      return admission.estimate;
    },
    settle,
    async settleFromText(outputText, meta) {
      if (settled) return settled;
      const outputTokens =
        outputText.length === 0
          ? 0
          : await runtime.countText(outputText, admission.model, admission.provider);
      return settle(
        { inputTokens: admission.estimate.inputTokens, outputTokens },
        { status: "aborted", ...meta, estimated: true },
      );
    },
    release,
  };
}
