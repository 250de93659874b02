import type { Usage } from "../usage/usage.js";
import type { Admission } from "./admit-call.js";
import type { LedgerRuntime } from "./ledger-runtime.js";
import { type SettleInput, settleCall } from "./settle-call.js";
import type {
  CallKind,
  Estimate,
  LedgerContext,
  Reservation,
  ReserveRequest,
  SettleMeta,
  Totals,
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
  return new LedgerReservation(runtime, request, context, admission);
}

/**
 * One reservation. A class, not closures: one object per call instead of an object, a getter
 * and three functions, on a path every model call takes. Call its methods on it
 * (`reservation.settle(…)`); to pass one around, bind it.
 */
class LedgerReservation implements Reservation {
  readonly id: string;
  readonly model: string;
  readonly provider: string;
  readonly fallbackFrom: string | undefined;
  readonly cappedFrom: number | undefined;
  readonly holdsOutput: boolean;
  private readonly kind: CallKind;
  private readonly tracks: readonly Totals[];
  private readonly startedAtMs: number;
  private settled: Promise<UsageRecord> | undefined;
  private released: Promise<void> | undefined;

  constructor(
    private readonly runtime: LedgerRuntime,
    private readonly request: ReserveRequest,
    readonly context: LedgerContext,
    private readonly admission: Admission,
  ) {
    this.id = admission.id;
    this.model = admission.model;
    this.provider = admission.provider;
    this.fallbackFrom = admission.fallbackFrom;
    this.cappedFrom = admission.cappedFrom;
    this.holdsOutput = admission.plans.some(
      (plan) => plan.limits.nanoUsd !== undefined || plan.limits.tokens !== undefined,
    );
    this.kind = request.kind ?? "chat";
    this.tracks = runtime.scope.activeTracks();
    this.startedAtMs = runtime.now();
  }

  get estimate(): Estimate {
    return this.admission.estimate;
  }

  settle(usage: Usage, meta?: SettleMeta): Promise<UsageRecord> {
    if (this.settled) return this.settled;
    const { admission } = this;
    const input: SettleInput = {
      id: admission.id,
      kind: this.kind,
      requestedModel: this.request.model,
      priced: admission.priced,
      provider: admission.provider,
      model: admission.model,
      fallbackFrom: admission.fallbackFrom,
      cappedFrom: admission.cappedFrom,
      context: this.context,
      plans: admission.plans,
      tracks: this.tracks,
      // A no-hold call's prompt was counted only if something read the estimate.
      reserved: {
        inputTokens: admission.inputCounted() ? admission.estimate.inputTokens : undefined,
        outputTokens: admission.outputTokens,
      },
      fingerprint: admission.fingerprint,
      startedAtMs: this.startedAtMs,
      ...(this.request.serviceTier !== undefined ? { serviceTier: this.request.serviceTier } : {}),
    };
    // A rejected settle wrote nothing (usage is checked before any store write): forget it, so
    // a corrected settle or a release can still close the reservation.
    const attempt = settleCall(this.runtime, input, usage, meta).then(
      (record) => {
        if (!record.estimated) admission.learn(record.usage.inputTokens);
        return record;
      },
      (error: unknown) => {
        if (this.settled === attempt) this.settled = undefined;
        throw error;
      },
    );
    this.settled = attempt;
    return attempt;
  }

  async settleFromText(outputText: string, meta?: SettleMeta): Promise<UsageRecord> {
    if (this.settled) return this.settled;
    const outputTokens =
      outputText.length === 0
        ? 0
        : await this.runtime.countText(outputText, this.model, this.provider);
    return this.settle(
      { inputTokens: this.admission.estimate.inputTokens, outputTokens },
      { status: "aborted", ...meta, estimated: true },
    );
  }

  release(): Promise<void> {
    // After a settle this does nothing; after a settle that failed it frees the hold.
    if (this.settled) return this.settled.then(ignore, () => this.release());
    const { admission, runtime } = this;
    this.released ??= admission.held
      ? runtime.guard.write("release", admission.id, () =>
          runtime.store.release({ id: admission.id, nowMs: runtime.now() }),
        )
      : Promise.resolve();
    return this.released;
  }
}

const ignore = (): void => undefined;
