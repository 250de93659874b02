/** What an alert is about. */
export type AlertKind =
  | "threshold"
  | "denied-burst"
  | "store-error"
  | "cost-mismatch"
  | "dropped"
  | "user-over-limit";

/** One alert, as sinks receive it. */
export interface Alert {
  kind: AlertKind;
  /**
   * Same alert → same key, across retries and processes: rule × window × threshold for
   * `threshold`, user × month for `user-over-limit`. Sent as the `Idempotency-Key` header.
   */
  idempotencyKey: string;
  /** ISO-8601 time the alert was raised. */
  time: string;
  /** One line for people. */
  summary: string;
  /** The facts behind it (the ledger event's fields, amounts in USD where money). */
  details: Record<string, unknown>;
}

/** Where alerts go. `send` throws to ask for a retry ({@link AlertDeliveryError} says whether). */
export interface AlertSink {
  readonly name: string;
  send(alert: Alert, signal: AbortSignal): Promise<void>;
}

/** A failed delivery. `retryable: false` (a 4xx other than 408/429) stops the retries. */
export class AlertDeliveryError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;

  constructor(message: string, options: { retryable: boolean; status?: number; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "AlertDeliveryError";
    this.retryable = options.retryable;
    this.status = options.status;
  }
}
