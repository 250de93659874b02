import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { Ledger, LedgerEventName, LedgerEvents } from "../ledger/types.js";
import type { Alert, AlertSink } from "./alert.js";
import {
  type AlertDeliveryOptions,
  type AlertDeliveryStats,
  createAlertDelivery,
} from "./alert-delivery.js";
import { userMonthlySpend } from "./user-monthly-spend.js";

/** Options of {@link ledgerAlerts}. */
export interface LedgerAlertsOptions extends Omit<AlertDeliveryOptions, "sinks"> {
  sinks: readonly AlertSink[];
  /** Alert when a budget refuses this many calls within `deniedBurst.windowMs`. @default { count: 5, windowMs: 60000 } */
  deniedBurst?: { count: number; windowMs: number } | false;
  /** "Any user over $X this month". Off unless given. */
  userMonthlyLimitUsd?: number;
  /** One `store-error` alert per operation, and one `cost-mismatch`/`dropped` alert, per this many ms. @default 300000 */
  storeErrorEveryMs?: number;
  /** For tests. */
  nowMs?: () => number;
}

/** What {@link ledgerAlerts} returns. */
export interface LedgerAlerts {
  /** Wait until every queued alert was tried, at most `timeoutMs`; `true` if the queue emptied. */
  flush(timeoutMs?: number): Promise<boolean>;
  /** Stop listening, then flush. */
  close(timeoutMs?: number): Promise<boolean>;
  stats(): AlertDeliveryStats;
}

/**
 * Turn a ledger's events into alerts delivered to `sinks` from a background queue: `threshold`
 * (one per rule × scope × window × threshold), bursts of `denied`, `store-error` (rate-limited),
 * `cost-mismatch` and `dropped` when the ledger emits them, and the per-user monthly rule from
 * `usage`. Listeners only queue: nothing is sent on the call path.
 */
export function ledgerAlerts(ledger: Ledger, options: LedgerAlertsOptions): LedgerAlerts {
  if (!Array.isArray(options.sinks) || options.sinks.length === 0) {
    throw new InvalidConfigError({
      message: "ledgerAlerts: give at least one sink, e.g. sinks: [webhookSink({ url, secret })].",
    });
  }
  const limitUsd = options.userMonthlyLimitUsd;
  if (limitUsd !== undefined && !(Number.isFinite(limitUsd) && limitUsd > 0)) {
    throw new InvalidConfigError({
      message: `ledgerAlerts: userMonthlyLimitUsd must be a positive number of USD (got ${String(limitUsd)}).`,
    });
  }
  const nowMs = options.nowMs ?? Date.now;
  const delivery = createAlertDelivery(options);
  const isoNow = () => new Date(nowMs()).toISOString();
  const unsubscribers: (() => void)[] = [];
  /** Subscribe by name; events this ledger version does not emit simply never fire. */
  const on = (event: string, listener: (payload: Record<string, unknown>) => void): void => {
    unsubscribers.push(ledger.on(event as LedgerEventName, listener as () => void));
  };

  on("threshold", (payload) => {
    const event = payload as unknown as LedgerEvents["threshold"];
    const money = event.limitKind === "usd";
    const amount = (value: number) => (money ? value / 1e9 : value);
    delivery.enqueue({
      kind: "threshold",
      idempotencyKey: `threshold:${event.ruleId}:${event.scope}=${event.scopeValue}:${event.windowKey}:${event.threshold}`,
      time: isoNow(),
      summary: `Budget "${event.ruleId}" (${event.scope}=${event.scopeValue}) passed ${Math.round(event.threshold * 100)}% in ${event.windowKey}`,
      details: {
        ruleId: event.ruleId,
        scope: event.scope,
        scopeValue: event.scopeValue,
        windowKey: event.windowKey,
        threshold: event.threshold,
        limitKind: event.limitKind,
        limit: amount(event.limit),
        spent: amount(event.spent),
      },
    });
  });

  const burst = options.deniedBurst ?? { count: 5, windowMs: 60_000 };
  if (burst !== false) {
    const denials = new Map<string, number[]>();
    on("denied", (payload) => {
      const { error } = payload as unknown as LedgerEvents["denied"];
      const bucket = `${error.ruleId}:${error.denial.scope}=${error.scopeValue}`;
      const now = nowMs();
      const times = (denials.get(bucket) ?? []).filter((time) => now - time < burst.windowMs);
      times.push(now);
      denials.set(bucket, times);
      if (times.length !== burst.count) return;
      const windowStart = Math.floor(now / burst.windowMs) * burst.windowMs;
      delivery.enqueue({
        kind: "denied-burst",
        idempotencyKey: `denied-burst:${bucket}:${windowStart}`,
        time: isoNow(),
        summary: `Budget "${error.ruleId}" (${error.denial.scope}=${error.scopeValue}) refused ${burst.count} calls within ${Math.round(burst.windowMs / 1000)} s`,
        details: {
          ruleId: error.ruleId,
          scope: error.denial.scope,
          scopeValue: error.scopeValue,
          count: burst.count,
        },
      });
    });
  }

  const storeErrorEveryMs = options.storeErrorEveryMs ?? 300_000;
  on("store-error", (payload) => {
    const event = payload as unknown as LedgerEvents["store-error"];
    const slot = Math.floor(nowMs() / storeErrorEveryMs);
    delivery.enqueue({
      kind: "store-error",
      idempotencyKey: `store-error:${event.operation}:${slot}`,
      time: isoNow(),
      summary: `Store ${event.operation} failed${event.buffered ? " (write buffered)" : ""}: ${String(event.error)}`,
      details: {
        operation: event.operation,
        buffered: event.buffered,
        error: String(event.error),
      },
    });
  });

  for (const kind of ["cost-mismatch", "dropped"] as const) {
    on(kind, (payload) => {
      const slot = Math.floor(nowMs() / storeErrorEveryMs);
      const details = Object.fromEntries(
        Object.entries(payload).map(([key, value]) => [
          key,
          value instanceof Error ? String(value) : value,
        ]),
      );
      delivery.enqueue({
        kind,
        idempotencyKey: `${kind}:${slot}`,
        time: isoNow(),
        summary: `Ledger event ${kind}`,
        details,
      });
    });
  }

  if (limitUsd !== undefined) {
    const rule = userMonthlySpend({ limitUsd });
    on("usage", (payload) => {
      const alert: Alert | undefined = rule.observe(
        (payload as unknown as LedgerEvents["usage"]).record,
      );
      if (alert !== undefined) delivery.enqueue(alert);
    });
  }

  let closed = false;
  return {
    flush: (timeoutMs) => delivery.flush(timeoutMs),
    async close(timeoutMs) {
      if (!closed) {
        closed = true;
        for (const unsubscribe of unsubscribers) unsubscribe();
      }
      return delivery.flush(timeoutMs);
    },
    stats: () => delivery.stats(),
  };
}
