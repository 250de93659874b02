import type { UsageMetadata } from "@langchain/core/messages";
import type { LLMResult } from "@langchain/core/outputs";
import {
  addRecordToTotals,
  type Ledger,
  type Reservation,
  type Totals,
  totalsOf,
  type UsageRecord,
} from "@tokenledger/core";
import { isAbortError, type ModelRun, settleEndedRun, settleUnendedRun } from "./model-run.js";
import { claimRun, closeClaim } from "./run-claims.js";
import { RunTree } from "./run-tree.js";
import { stopWatchingModelRun, watchModelRun } from "./watch-model-run.js";

/** What `onRunEnd` receives when a top-level run ends. */
export interface RunEndEvent {
  runId: string;
  runName: string | undefined;
  status: "ok" | "error";
  totals: Totals;
}

/** How runs are kept, closed and reported. */
export interface RunBookkeepingOptions {
  /**
   * A model run that has neither ended nor streamed a token for this long (counted from when its
   * hold is taken) is settled from what it streamed (status `aborted`) or released. Default
   * 600 000 (10 minutes); `0` turns it off.
   * Runs broken off inside a chain, tool or agent are settled as soon as their parent ends.
   */
  danglingRunTimeoutMs?: number;
  /** Finished top-level runs whose totals `runTotals()` keeps. Default 100. */
  finishedRunsToKeep?: number;
  /** Called when a top-level run ends, with what its whole subtree spent. */
  onRunEnd?: (event: RunEndEvent) => void;
  /**
   * Receives errors from settling or releasing after the provider answered (a store outage in
   * `failMode: "closed"`). Default: the error is thrown to the caller of `invoke`.
   */
  onSettleError?: (error: unknown, event: { runId: string; operation: string }) => void;
}

/** What a model run needs when it starts. */
export interface ModelRunStart {
  runId: string;
  parentRunId: string | undefined;
  runName: string | undefined;
  provider: string | undefined;
  batchSize: number;
  /** The request may run steps a stream hides from callbacks (see `mayHideAnthropicSteps`). */
  mayHideSteps?: boolean;
  /** The call's AbortSignal, from `extraParams.options.signal`. */
  signal: unknown;
  /** Takes the hold (throws `BudgetExceededError` when it does not fit). */
  reserve: () => Promise<Reservation>;
}

const defaultDanglingRunTimeoutMs = 600_000;

/**
 * The life of the runs one handler sees: the run tree, model runs from reserve to settle or
 * release (or the end of a run that never ends), totals per handler and per top-level run.
 */
export class RunBookkeeper {
  readonly #ledger: Ledger;
  readonly #owner: object;
  readonly #options: RunBookkeepingOptions;
  readonly #tree = new RunTree();
  readonly #modelRuns = new Map<string, ModelRun>();
  readonly #finished = new Map<string, Totals>();
  readonly #totals: Totals = totalsOf([]);
  /** Settlements started by a timer or an abort signal, not by a LangChain event. */
  readonly #detached = new Set<Promise<void>>();

  constructor(ledger: Ledger, owner: object, options: RunBookkeepingOptions) {
    this.#ledger = ledger;
    this.#owner = owner;
    this.#options = options;
  }

  get totals(): Totals {
    return { ...this.#totals };
  }

  runTotals(runId: string): Totals | undefined {
    const totals = this.#tree.rootOf(runId)?.totals ?? this.#finished.get(runId);
    return totals && { ...totals };
  }

  get openRuns(): number {
    return this.#modelRuns.size;
  }

  /** A chain, tool or retriever run started. */
  startRun(runId: string, parentRunId: string | undefined, runName: string | undefined): void {
    this.#tree.start(runId, parentRunId, runName);
  }

  /** A chain, tool or retriever run ended: settle model runs left open below it. */
  async endRun(runId: string, status: "ok" | "error"): Promise<void> {
    // A run still taking its hold has not called its provider yet: its own events close it.
    const dangling = [...this.#modelRuns.values()].filter(
      (run) =>
        run.runId !== runId && this.#tree.isWithin(run.runId, runId) && !this.#isReserving(run),
    );
    try {
      await Promise.all(dangling.map((run) => this.#closeUnended(run, "aborted", "parent-ended")));
    } finally {
      this.#finishRoot(runId, status);
    }
  }

  /**
   * Reserves for a model run, unless another handler on the ledger books it. The dangling-run
   * timer and the abort signal are watched once the hold is taken: until then the provider has
   * not been called (the handler is awaited), and LangChain reports the call it makes next
   * (with a signal aborted meanwhile) through its own end or error event.
   */
  async startModelRun(start: ModelRunStart): Promise<void> {
    const { runId } = start;
    if (this.#modelRuns.has(runId)) return; // the same handler attached twice
    this.#tree.start(runId, start.parentRunId, start.runName);
    const run: ModelRun = {
      runId,
      claim: claimRun(this.#ledger, runId, this.#owner),
      reservation: undefined,
      reserving: undefined,
      provider: start.provider,
      batchSize: start.batchSize,
      mayHideSteps: start.mayHideSteps ?? false,
      startedAtMs: Date.now(),
      streamedText: "",
      streamedUsage: [],
      timer: undefined,
      stopWatchingSignal: undefined,
    };
    this.#modelRuns.set(runId, run);
    if (run.claim.owner !== this.#owner) {
      // Another handler on this ledger books it; this one only waits for its record.
      this.#watch(run, start.signal);
      return;
    }
    const reserving = start.reserve();
    run.reserving = reserving.then(
      (reservation) => reservation,
      () => undefined,
    );
    try {
      run.reservation = await reserving;
    } catch (error) {
      // Refused (or the store failed): the provider will not be called and no end will come.
      this.#takeModelRun(runId);
      closeClaim(this.#ledger, runId, run.claim, undefined);
      this.#finishRoot(runId, "error");
      throw error;
    }
    if (this.#modelRuns.get(runId) === run) this.#watch(run, start.signal);
  }

  /** Text, tool-call arguments and usage chunks streamed by a model run. */
  streamed(runId: string, text: string, usage: UsageMetadata | undefined): void {
    const run = this.#modelRuns.get(runId);
    if (!run) return;
    run.streamedText += text;
    if (usage) run.streamedUsage.push(usage);
    run.timer?.refresh();
  }

  async endModelRun(
    runId: string,
    output: LLMResult,
    extraParams: Record<string, unknown> | undefined,
  ): Promise<UsageRecord | undefined> {
    const run = this.#takeModelRun(runId);
    if (!run) return undefined;
    try {
      return await this.#close(run, "settle", (reservation) =>
        settleEndedRun(run, reservation, output, extraParams),
      );
    } finally {
      this.#finishRoot(runId, "ok");
    }
  }

  async failModelRun(runId: string, error: unknown): Promise<void> {
    const run = this.#modelRuns.get(runId);
    if (!run) return;
    try {
      await this.#closeUnended(run, isAbortError(error) ? "aborted" : "error", "langchain-error");
    } finally {
      this.#finishRoot(runId, "error");
    }
  }

  async settleOpenRuns(reason: string): Promise<void> {
    const runs = [...this.#modelRuns.values()];
    await Promise.all([
      ...this.#detached,
      ...runs.map(async (run) => {
        try {
          await this.#closeUnended(run, "aborted", reason);
        } finally {
          this.#finishRoot(run.runId, "error");
        }
      }),
    ]);
  }

  #isReserving(run: ModelRun): boolean {
    return run.claim.owner === this.#owner && run.reservation === undefined;
  }

  #watch(run: ModelRun, signal: unknown): void {
    const timeoutMs = this.#options.danglingRunTimeoutMs ?? defaultDanglingRunTimeoutMs;
    watchModelRun(run, signal, timeoutMs, (reason) => {
      void this.#closeDetached(run, reason);
    });
  }

  /** Settles a run no LangChain event will close; errors go to `onSettleError` or a warning. */
  #closeDetached(run: ModelRun, reason: string): Promise<void> {
    if (this.#modelRuns.get(run.runId) !== run) return Promise.resolve();
    const closing = this.#closeUnended(run, "aborted", reason).then(
      () => this.#finishRoot(run.runId, "error"),
      (error: unknown) => this.#reportDetached(error, run.runId, reason),
    );
    this.#detached.add(closing);
    void closing.finally(() => this.#detached.delete(closing));
    return closing;
  }

  #takeModelRun(runId: string): ModelRun | undefined {
    const run = this.#modelRuns.get(runId);
    if (!run) return undefined;
    this.#modelRuns.delete(runId);
    stopWatchingModelRun(run);
    return run;
  }

  async #closeUnended(run: ModelRun, status: "aborted" | "error", reason: string): Promise<void> {
    // Kept open while its hold is being taken, so an end that comes meanwhile settles it.
    if (this.#isReserving(run)) await run.reserving;
    if (this.#takeModelRun(run.runId) !== run) return;
    await this.#close(run, reason, (reservation) =>
      settleUnendedRun(run, reservation, status, reason),
    );
  }

  /**
   * Settles or releases through `operation` (or waits for the owning handler) and books it.
   * Resolves to the record written, if any.
   */
  async #close(
    run: ModelRun,
    operationName: string,
    operation: (
      reservation: NonNullable<ModelRun["reservation"]>,
    ) => Promise<UsageRecord | undefined>,
  ): Promise<UsageRecord | undefined> {
    if (run.claim.owner !== this.#owner) {
      const booked = await run.claim.booked;
      this.#book(run.runId, booked);
      return booked;
    }
    // An end can come before the hold is taken when the handler is not awaited.
    const reservation = run.reservation ?? (await run.reserving);
    if (!reservation) return undefined; // refused: startModelRun closed the claim
    let record: UsageRecord | undefined;
    try {
      record = await operation(reservation);
    } catch (error) {
      this.#reportSettleError(error, run.runId, operationName);
    } finally {
      closeClaim(this.#ledger, run.runId, run.claim, record);
    }
    this.#book(run.runId, record);
    return record;
  }

  #book(runId: string, record: UsageRecord | undefined): void {
    if (!record) return;
    addRecordToTotals(this.#totals, record);
    const root = this.#tree.rootOf(runId);
    if (root) addRecordToTotals(root.totals, record);
  }

  #finishRoot(runId: string, status: "ok" | "error"): void {
    if (!this.#tree.isRoot(runId)) return;
    const root = this.#tree.finish(runId);
    if (!root) return;
    const keep = this.#options.finishedRunsToKeep ?? 100;
    if (keep > 0) {
      this.#finished.set(runId, root.totals);
      for (const oldest of this.#finished.keys()) {
        if (this.#finished.size <= keep) break;
        this.#finished.delete(oldest);
      }
    }
    this.#options.onRunEnd?.({
      runId,
      runName: root.runName,
      status,
      totals: { ...root.totals },
    });
  }

  #reportSettleError(error: unknown, runId: string, operation: string): void {
    if (!this.#options.onSettleError) throw error;
    this.#options.onSettleError(error, { runId, operation });
  }

  #reportDetached(error: unknown, runId: string, reason: string): void {
    if (this.#options.onSettleError) {
      this.#options.onSettleError(error, { runId, operation: reason });
      return;
    }
    process.emitWarning(
      `tokenledger: settling LangChain run ${runId} (${reason}) failed: ${String(error)}. Pass onSettleError to LedgerCallbackHandler to handle this.`,
    );
  }
}
