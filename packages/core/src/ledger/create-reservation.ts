import type { Admission } from "./admit-call.js";
import type { LedgerRuntime } from "./ledger-runtime.js";
import { settleCall } from "./settle-call.js";
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
    settled ??= settleCall(
      runtime,
      {
        id: admission.id,
        kind,
        requestedModel: request.model,
        priced: admission.priced,
        provider: admission.estimate.provider,
        model: admission.estimate.model,
        fallbackFrom: admission.fallbackFrom,
        context,
        plans: admission.plans,
        tracks,
        reserved: {
          inputTokens: admission.estimate.inputTokens,
          outputTokens: admission.estimate.outputTokens,
        },
        ...(request.promptHash === undefined ? {} : { promptHash: request.promptHash }),
        ...(request.systemHash === undefined ? {} : { systemHash: request.systemHash }),
        startedAtMs,
      },
      usage,
      meta,
    ).then((record) => {
      if (!record.estimated && admission.learn) admission.learn(record.usage.inputTokens);
      return record;
    });
    return settled;
  };

  return {
    id: admission.id,
    model: admission.estimate.model,
    provider: admission.estimate.provider,
    fallbackFrom: admission.fallbackFrom,
    context,
    estimate: admission.estimate,
    settle,
    async settleFromText(outputText, meta) {
      if (settled) return settled;
      const outputTokens =
        outputText.length === 0
          ? 0
          : await runtime.countText(outputText, admission.estimate.model, request.provider);
      return settle(
        { inputTokens: admission.estimate.inputTokens, outputTokens },
        { status: "aborted", ...meta, estimated: true },
      );
    },
    release() {
      if (settled) return settled.then(() => undefined);
      released ??= admission.held
        ? runtime.guard.write("release", () =>
            runtime.store.release({ id: admission.id, nowMs: runtime.now() }),
          )
        : Promise.resolve();
      return released;
    },
  };
}
