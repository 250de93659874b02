import { StoreInputError } from "../errors/store-input-error.js";
import { StoreUnavailableError } from "../errors/store-unavailable-error.js";
import type { LedgerEmitter } from "./event-emitter.js";
import type { DroppedReason } from "./types.js";

/** Options of {@link createStoreGuard}. */
export interface StoreGuardOptions {
  timeoutMs: number;
  emitter: LedgerEmitter;
  /** The store never waits on I/O (`BudgetStore.inProcess`): no timer per call. */
  inProcess?: boolean;
  /** Writes kept while the store is down; past it the oldest is dropped with an event. */
  maxBufferedWrites: number;
  /** First delay before the store is tried again after a failure; doubles up to 10 s. @default 250 */
  retryDelayMs?: number;
}

/** A write that never reached the store: what it was and what it was for. */
export interface UnwrittenWrite {
  operation: string;
  /** The reservation or record id the write was about. */
  subject: string;
}

/**
 * Stands between the ledger and its store so that a slow or dead store costs a caller at most
 * `timeoutMs`, and nothing written is lost silently:
 *
 * - `call` (reads, reserves) waits at most `timeoutMs`; while the store is known to be down it
 *   fails at once, letting one call through now and then to see whether it is back (a circuit
 *   breaker), so a hundred callers do not each wait out the timeout.
 * - `write` (settlements, records, releases) returns within `timeoutMs` too: a write the store
 *   does not take is buffered and retried with backoff, in order, until it lands. Settle and
 *   release are idempotent by reservation id, so a replay never counts twice.
 * - Only a deterministic refusal (`StoreInputError`: the store answered and cannot hold this)
 *   drops a write; so does a full buffer (the oldest goes) and `close()` past its deadline —
 *   each with a `dropped` event naming what was lost.
 */
export interface StoreGuard {
  call<T>(operation: string, fn: () => Promise<T>): Promise<T>;
  write(operation: string, subject: string, fn: () => Promise<void>): Promise<void>;
  /** Writes waiting for the store. */
  readonly pending: number;
  /** Tries to write everything buffered; `true` when nothing is left. */
  flush(): Promise<boolean>;
  /** Writes what it can within `timeoutMs`, stops retrying, and returns (and reports) the rest. */
  close(timeoutMs: number): Promise<UnwrittenWrite[]>;
}

interface BufferedWrite extends UnwrittenWrite {
  fn: () => Promise<void>;
}

/** Longest wait between retries of a store that is down. */
const MAX_RETRY_DELAY_MS = 10_000;

/** Fast failures in a row (no timeout) after which a retry pass stops: the store is down. */
const FAILURES_MEANING_DOWN = 3;

export function createStoreGuard(options: StoreGuardOptions): StoreGuard {
  const { timeoutMs, emitter } = options;
  const firstDelayMs = options.retryDelayMs ?? 250;
  const buffer: BufferedWrite[] = [];
  const inFlight = new Set<Promise<void>>();
  let retryDelayMs = firstDelayMs;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<boolean> | undefined;
  let closed = false;
  /** While the store is down: when a call may next try it (earlier ones fail at once). */
  let down: { nextTryAtMs: number; error: unknown } | undefined;
  /** Store failures since its last success. */
  let failuresInARow = 0;

  const withTimeout = async <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    if (options.inProcess === true) return fn();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new StoreUnavailableError({
              operation,
              message: `The budget store did not answer "${operation}" within ${timeoutMs} ms.`,
            }),
          ),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([fn(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };

  const markUp = (): void => {
    down = undefined;
    failuresInARow = 0;
    retryDelayMs = firstDelayMs;
    if (buffer.length > 0) scheduleRetry(0);
  };

  /**
   * A call or write failed. The store counts as down after a timeout (waiting on it again would
   * cost the next caller the timeout too) or after {@link FAILURES_MEANING_DOWN} fast failures in
   * a row (a flaky store that fails one call in seven is not down). A failure while it is
   * already known down only counts when it was a retry (a probe): the next wait then doubles.
   */
  const failed = (error: unknown, probe: boolean): void => {
    failuresInARow += 1;
    const timedOut = StoreUnavailableError.isInstance(error);
    if (down === undefined && !timedOut && failuresInARow < FAILURES_MEANING_DOWN) return;
    markDown(error, probe);
  };

  const markDown = (error: unknown, probe: boolean): void => {
    if (down !== undefined && !probe) return;
    if (probe) retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_DELAY_MS);
    down = { nextTryAtMs: Date.now() + retryDelayMs, error };
    scheduleRetry(retryDelayMs);
  };

  const scheduleRetry = (delayMs: number): void => {
    if (retryTimer !== undefined || closed || buffer.length === 0) return;
    // Jitter: many processes that lost the same store do not all come back in one instant.
    retryTimer = setTimeout(
      () => {
        retryTimer = undefined;
        void flush();
      },
      delayMs * (0.8 + Math.random() * 0.4),
    );
    // A timer must not keep the process alive; close() is where buffered writes are waited for.
    (retryTimer as { unref?: () => void }).unref?.();
  };

  const drop = (write: UnwrittenWrite, reason: DroppedReason, error?: unknown): void => {
    const { operation, subject } = write;
    emitter.emit("dropped", {
      operation,
      subject,
      reason,
      ...(error === undefined ? {} : { error }),
    });
  };

  const enqueue = (write: BufferedWrite): void => {
    buffer.push(write);
    if (buffer.length > options.maxBufferedWrites) {
      const oldest = buffer.shift() as BufferedWrite;
      drop(oldest, "buffer-full");
    }
  };

  /** One pass over the buffer, in order; stops early when the store looks down. */
  const drain = async (): Promise<boolean> => {
    let passFailures = 0;
    let tried = 0;
    const total = buffer.length;
    while (buffer.length > 0 && tried < total && !closed) {
      const next = buffer.shift() as BufferedWrite;
      tried += 1;
      try {
        await withTimeout(next.operation, next.fn);
        passFailures = 0;
        down = undefined;
        failuresInARow = 0;
      } catch (error) {
        if (StoreInputError.isInstance(error)) {
          drop(next, "refused", error);
          continue;
        }
        // Kept, behind the others: one write the store keeps failing must not block the rest.
        buffer.push(next);
        passFailures += 1;
        emitter.emit("store-error", { operation: next.operation, error, buffered: true });
        const timedOut = StoreUnavailableError.isInstance(error);
        if (timedOut || passFailures >= Math.min(FAILURES_MEANING_DOWN, buffer.length)) {
          markDown(error, true);
          return false;
        }
      }
    }
    if (buffer.length === 0) {
      retryDelayMs = firstDelayMs;
      return true;
    }
    scheduleRetry(retryDelayMs);
    return false;
  };

  const flush = (): Promise<boolean> => {
    draining ??= drain().finally(() => {
      draining = undefined;
    });
    return draining;
  };

  const track = (promise: Promise<void>): Promise<void> => {
    inFlight.add(promise);
    return promise.finally(() => inFlight.delete(promise));
  };

  return {
    async call(operation, fn) {
      const probe = down !== undefined;
      if (down !== undefined) {
        const nowMs = Date.now();
        if (nowMs < down.nextTryAtMs) {
          throw new StoreUnavailableError({
            operation,
            message: `The budget store is down (its last call failed), so "${operation}" was not tried; it is tried again within ${down.nextTryAtMs - nowMs} ms.`,
            cause: down.error,
          });
        }
        // This call is the probe: the others keep failing at once until it answers.
        down.nextTryAtMs = nowMs + timeoutMs + retryDelayMs;
      }
      try {
        const result = await withTimeout(operation, fn);
        if (down !== undefined) markUp();
        else failuresInARow = 0;
        return result;
      } catch (error) {
        if (StoreInputError.isInstance(error)) throw error;
        emitter.emit("store-error", { operation, error, buffered: false });
        failed(error, probe);
        if (StoreUnavailableError.isInstance(error)) throw error;
        throw new StoreUnavailableError({ operation, cause: error });
      }
    },

    write(operation, subject, fn) {
      const write: BufferedWrite = { operation, subject, fn };
      if (closed) {
        drop(write, "after-close");
        return Promise.resolve();
      }
      if (buffer.length > 0 || down !== undefined) {
        // Behind writes already waiting (order kept), or the store is down: never wait on it.
        enqueue(write);
        if (down !== undefined) {
          emitter.emit("store-error", { operation, error: down.error, buffered: true });
        }
        scheduleRetry(down === undefined ? 0 : Math.max(0, down.nextTryAtMs - Date.now()));
        return Promise.resolve();
      }
      return track(
        withTimeout(operation, fn).then(
          () => undefined,
          (error: unknown) => {
            if (StoreInputError.isInstance(error)) {
              drop(write, "refused", error);
              return;
            }
            enqueue(write);
            emitter.emit("store-error", { operation, error, buffered: true });
            failed(error, false);
            scheduleRetry(retryDelayMs);
          },
        ),
      );
    },

    get pending() {
      return buffer.length;
    },

    flush,

    async close(closeTimeoutMs) {
      const deadline = Date.now() + closeTimeoutMs;
      const remaining = (): number => Math.max(0, deadline - Date.now());
      const until = <T>(promise: Promise<T>): Promise<T | undefined> =>
        Promise.race([promise, sleep(remaining()).then(() => undefined)]);
      await until(Promise.all(inFlight));
      while (buffer.length > 0 && remaining() > 0) {
        if ((await until(flush())) === true) break;
        if (buffer.length > 0) await sleep(Math.min(retryDelayMs, remaining()));
      }
      closed = true;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      const unwritten = buffer.splice(0).map(({ operation, subject }) => ({ operation, subject }));
      for (const write of unwritten) drop(write, "close-timeout");
      return unwritten;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    (timer as { unref?: () => void }).unref?.();
  });
}
