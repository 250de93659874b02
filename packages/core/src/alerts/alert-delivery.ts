import { type Alert, AlertDeliveryError, type AlertSink } from "./alert.js";

/** Retry policy: exponential backoff with jitter. */
export interface AlertRetryOptions {
  /** Attempts per sink, the first included. @default 5 */
  maxAttempts?: number;
  /** Delay before the 2nd attempt; doubles each time. @default 500 */
  baseDelayMs?: number;
  /** @default 30000 */
  maxDelayMs?: number;
}

/** Options of {@link createAlertDelivery}. */
export interface AlertDeliveryOptions {
  sinks: readonly AlertSink[];
  /** Alerts waiting beyond this are dropped (counted in `stats().dropped`). @default 1000 */
  maxQueue?: number;
  retry?: AlertRetryOptions;
  /** Per request. @default 10000 */
  requestTimeoutMs?: number;
  /** A sink gave up on an alert. @default console.error */
  onError?: (error: unknown, alert: Alert, sink: AlertSink) => void;
  /** For tests: how to wait between attempts, and the jitter source (0 ≤ x < 1). */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** Counters of a delivery loop. */
export interface AlertDeliveryStats {
  queued: number;
  delivered: number;
  failed: number;
  /** Alerts not queued because the queue was full. */
  dropped: number;
  /** Alerts not queued because one with the same idempotency key already was. */
  deduplicated: number;
}

/** A bounded queue drained by one background loop. */
export interface AlertDelivery {
  /** Queue an alert; never waits, never throws. `false` when dropped or a duplicate. */
  enqueue(alert: Alert): boolean;
  /** Wait until the queue is empty, at most `timeoutMs`. Resolves `true` when it emptied. */
  flush(timeoutMs?: number): Promise<boolean>;
  stats(): AlertDeliveryStats;
}

const rememberedKeys = 10_000;

/**
 * Delivers alerts to every sink from a background loop: a full queue drops (and counts) new
 * alerts; an alert whose idempotency key was already queued is skipped; each sink retries
 * with exponential backoff and jitter (`delay = min(max, base × 2^(n−1)) × (0.5 + random/2)`)
 * until it succeeds, says the failure is permanent, or runs out of attempts.
 */
export function createAlertDelivery(options: AlertDeliveryOptions): AlertDelivery {
  const maxQueue = options.maxQueue ?? 1000;
  const maxAttempts = options.retry?.maxAttempts ?? 5;
  const baseDelayMs = options.retry?.baseDelayMs ?? 500;
  const maxDelayMs = options.retry?.maxDelayMs ?? 30_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const onError =
    options.onError ??
    ((error: unknown, alert: Alert, sink: AlertSink) =>
      console.error(
        `[tokenledger] alert ${alert.idempotencyKey} not delivered to ${sink.name}:`,
        error,
      ));

  const queue: Alert[] = [];
  const seenKeys = new Set<string>();
  const stats: AlertDeliveryStats = {
    queued: 0,
    delivered: 0,
    failed: 0,
    dropped: 0,
    deduplicated: 0,
  };
  let draining: Promise<void> | undefined;

  const deliverTo = async (sink: AlertSink, alert: Alert): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await sink.send(alert, AbortSignal.timeout(requestTimeoutMs));
        return;
      } catch (error) {
        const permanent = error instanceof AlertDeliveryError && !error.retryable;
        if (permanent || attempt >= maxAttempts) throw error;
        const backoffMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        await sleep(backoffMs * (0.5 + random() / 2));
      }
    }
  };

  const drain = async (): Promise<void> => {
    for (let alert = queue.shift(); alert !== undefined; alert = queue.shift()) {
      let ok = true;
      for (const sink of options.sinks) {
        try {
          await deliverTo(sink, alert);
        } catch (error) {
          ok = false;
          onError(error, alert, sink);
        }
      }
      if (ok) stats.delivered += 1;
      else stats.failed += 1;
    }
  };

  const start = (): void => {
    if (draining !== undefined) return;
    draining = drain().finally(() => {
      draining = undefined;
      if (queue.length > 0) start();
    });
  };

  return {
    enqueue(alert) {
      if (seenKeys.has(alert.idempotencyKey)) {
        stats.deduplicated += 1;
        return false;
      }
      if (queue.length >= maxQueue) {
        stats.dropped += 1;
        return false;
      }
      seenKeys.add(alert.idempotencyKey);
      if (seenKeys.size > rememberedKeys) {
        seenKeys.delete(seenKeys.values().next().value as string);
      }
      queue.push(alert);
      stats.queued += 1;
      // Off the caller's stack: a ledger listener only pushes.
      queueMicrotask(start);
      return true;
    },
    async flush(timeoutMs = 10_000) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const emptied = (async () => {
        await Promise.resolve(); // let a just-queued alert start
        while (draining !== undefined) await draining;
        return true as const;
      })();
      try {
        return await Promise.race([emptied, timedOut]);
      } finally {
        clearTimeout(timer);
      }
    },
    stats: () => ({ ...stats }),
  };
}
