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

export function createStoreGuard(options: StoreGuardOptions): StoreGuard {
  const { timeoutMs, emitter } = options;
  const firstDelayMs = options.retryDelayMs ?? 250;
  const buffer: { operation: string; fn: () => Promise<void> }[] = [];
  let flushing: Promise<boolean> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryDelayMs = firstDelayMs;

  const withTimeout = <T>(operation: string, fn: () => Promise<T>): Promise<T> => {
    if (options.inProcess === true) {
      try {
        return fn();
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

  const drain = async (): Promise<boolean> => {
    while (buffer.length > 0) {
      const next = buffer[0]!;
      try {
        await withTimeout(next.operation, next.fn);
      } catch (error) {
        emitter.emit("store-error", { operation: next.operation, error, buffered: true });
        scheduleRetry();
        return false;
      }
      buffer.shift();
    }
    retryDelayMs = firstDelayMs;
    return true;
  };

  const guard: StoreGuard = {
    async call(operation, fn) {
      try {
        return await withTimeout(operation, fn);
      } catch (error) {
        emitter.emit("store-error", { operation, error, buffered: false });
        if (StoreUnavailableError.isInstance(error)) throw error;
        throw new StoreUnavailableError({ operation, cause: error });
      }
    },
    async write(operation, fn) {
      if (buffer.length === 0) {
        try {
          await withTimeout(operation, fn);
          return;
        } catch (error) {
          buffer.push({ operation, fn });
          emitter.emit("store-error", { operation, error, buffered: true });
          scheduleRetry();
          return;
        }
      }
      buffer.push({ operation, fn });
      await guard.flush();
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
