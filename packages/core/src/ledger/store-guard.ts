import { StoreUnavailableError } from "../errors/store-unavailable-error.js";
import type { LedgerEmitter } from "./event-emitter.js";

/** Options of {@link createStoreGuard}. */
export interface StoreGuardOptions {
  timeoutMs: number;
  emitter: LedgerEmitter;
  /** The store never waits on I/O (`BudgetStore.inProcess`): no timer per call. */
  inProcess?: boolean;
  /** First retry delay of buffered writes; doubles up to 30 s. @default 250 */
  retryDelayMs?: number;
}

/**
 * Puts a time limit on every store call and keeps writes that must not be lost (settlements,
 * records, releases): when the store fails, they are buffered in order and replayed when it
 * answers again. Settle is idempotent by reservation id, so a replay never counts twice.
 *
 * A write the store keeps refusing while it accepts others (a record it cannot store) must not
 * block the writes behind it: it moves to the back of the buffer, and after
 * {@link MAX_REFUSALS_WHILE_UP} such refusals it is dropped with a `store-error` event
 * (`dropped: true`).
 */
export interface StoreGuard {
  /** Runs a read or a reservation with the time limit; failures become `StoreUnavailableError`. */
  call<T>(operation: string, fn: () => Promise<T>): Promise<T>;
  /** Runs a write now, or buffers it (in order) if the store fails or writes are already buffered. */
  write(operation: string, fn: () => Promise<void>): Promise<void>;
  /** Writes waiting for the store. */
  readonly pending: number;
  /** Tries to write everything buffered; resolves `true` when the buffer is empty. */
  flush(): Promise<boolean>;
  /** Stops retry timers. */
  stop(): void;
}

/** Refusals of one write while other writes succeed, before it is dropped. */
export const MAX_REFUSALS_WHILE_UP = 3;

/** Consecutive failures that mean the store is down (stop and retry later). */
const FAILURES_MEANING_DOWN = 3;

interface PendingWrite {
  operation: string;
  fn: () => Promise<void>;
  /** Failed in the current pass, before another write succeeded. */
  suspect: boolean;
  refusalsWhileUp: number;
}

export function createStoreGuard(options: StoreGuardOptions): StoreGuard {
  const { timeoutMs, emitter } = options;
  const firstDelayMs = options.retryDelayMs ?? 250;
  const buffer: PendingWrite[] = [];
  const pending = (operation: string, fn: () => Promise<void>): PendingWrite => ({
    operation,
    fn,
    suspect: false,
    refusalsWhileUp: 0,
  });
  let flushing: Promise<boolean> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelayMs = firstDelayMs;

  const withTimeout = <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    if (options.inProcess === true) {
      try {
        const result = fn();
        return result instanceof Promise ? result : Promise.resolve(result);
      } catch (error) {
        return Promise.reject(error);
      }
    }
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
      timer.unref?.();
    });
    let attempt: Promise<T>;
    try {
      attempt = fn();
    } catch (error) {
      attempt = Promise.reject(error);
    }
    return Promise.race([attempt, timeout]).finally(() => clearTimeout(timer));
  };

  const scheduleRetry = (): void => {
    if (retryTimer || buffer.length === 0) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void guard.flush();
    }, retryDelayMs);
    retryTimer.unref?.();
    retryDelayMs = Math.min(retryDelayMs * 2, 30_000);
  };

  /** The store answered another write: every suspect was refused on its own account. */
  const convictSuspects = (): void => {
    for (let index = buffer.length - 1; index >= 0; index--) {
      const write = buffer[index]!;
      if (!write.suspect) continue;
      write.suspect = false;
      write.refusalsWhileUp += 1;
      if (write.refusalsWhileUp < MAX_REFUSALS_WHILE_UP) continue;
      buffer.splice(index, 1);
      emitter.emit("store-error", {
        operation: write.operation,
        error: new Error(
          `The store refused this "${write.operation}" ${MAX_REFUSALS_WHILE_UP} times while accepting other writes; it was dropped.`,
        ),
        buffered: false,
        dropped: true,
      });
    }
  };

  const drain = async (): Promise<boolean> => {
    let consecutiveFailures = 0;
    while (buffer.length > 0) {
      const next = buffer.shift()!;
      try {
        await withTimeout(next.operation, next.fn);
        consecutiveFailures = 0;
        convictSuspects();
      } catch (error) {
        emitter.emit("store-error", { operation: next.operation, error, buffered: true });
        next.suspect = true;
        buffer.push(next);
        consecutiveFailures += 1;
        if (consecutiveFailures >= Math.min(buffer.length, FAILURES_MEANING_DOWN)) {
          for (const write of buffer) write.suspect = false;
          scheduleRetry();
          return false;
        }
      }
    }
    retryDelayMs = firstDelayMs;
    return true;
  };

  // No async functions here: a store call on the per-call path costs one promise, not three.
  const guard: StoreGuard = {
    call(operation, fn) {
      return withTimeout(operation, fn).then(undefined, (error: unknown) => {
        emitter.emit("store-error", { operation, error, buffered: false });
        if (StoreUnavailableError.isInstance(error)) throw error;
        throw new StoreUnavailableError({ operation, cause: error });
      });
    },
    write(operation, fn) {
      if (buffer.length > 0) {
        buffer.push(pending(operation, fn));
        return guard.flush().then(() => undefined);
      }
      return withTimeout(operation, fn).then(undefined, (error: unknown) => {
        buffer.push(pending(operation, fn));
        emitter.emit("store-error", { operation, error, buffered: true });
        scheduleRetry();
      });
    },
    get pending() {
      return buffer.length;
    },
    flush() {
      flushing ??= drain().finally(() => {
        flushing = undefined;
      });
      return flushing;
    },
    stop() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
    },
  };
  return guard;
}
