import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { Alert, AlertSink } from "./alert.js";
import { postJson } from "./post-json.js";
import { signWebhook } from "./sign-webhook.js";

/** Options of {@link webhookSink}. */
export interface WebhookSinkOptions {
  url: string;
  /** Shared secret for the HMAC-SHA256 signature (`X-Tokenledger-Signature`). */
  secret: string;
  /** Extra headers (an auth token for a gateway, …). */
  headers?: Record<string, string>;
  /** For tests: the clock used for `X-Tokenledger-Timestamp`. */
  nowMs?: () => number;
}

/** Header names of a signed delivery. */
export const webhookHeaders = {
  signature: "x-tokenledger-signature",
  timestamp: "x-tokenledger-timestamp",
  idempotencyKey: "idempotency-key",
} as const;

/**
 * A signed generic webhook: POSTs the alert as JSON with `X-Tokenledger-Timestamp` (unix
 * seconds), `X-Tokenledger-Signature` (`v1=` hex HMAC-SHA256 of `timestamp.body`; check it with
 * `verifyWebhook`) and `Idempotency-Key` (the alert's key: dedupe on it, retries resend it).
 *
 * @throws InvalidConfigError for a URL that does not parse or an empty secret.
 */
export function webhookSink(options: WebhookSinkOptions): AlertSink {
  assertUrl(options.url, "webhookSink");
  if (typeof options.secret !== "string" || options.secret.length === 0) {
    throw new InvalidConfigError({
      message:
        "webhookSink: secret must be a non-empty string (the receiver verifies the HMAC with it).",
    });
  }
  const nowMs = options.nowMs ?? Date.now;
  return {
    name: `webhook ${new URL(options.url).host}`,
    async send(alert: Alert, signal: AbortSignal) {
      const body = JSON.stringify(alert);
      const timestamp = String(Math.floor(nowMs() / 1000));
      await postJson(
        options.url,
        body,
        {
          ...options.headers,
          [webhookHeaders.timestamp]: timestamp,
          [webhookHeaders.signature]: await signWebhook(options.secret, timestamp, body),
          [webhookHeaders.idempotencyKey]: alert.idempotencyKey,
        },
        signal,
      );
    },
  };
}

/** @throws InvalidConfigError naming the factory when `url` is not an http(s) URL. */
export function assertUrl(url: string, factory: string): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new InvalidConfigError({
      message: `${factory}: url must be an http(s) URL, e.g. "https://hooks.example.com/tokenledger" (got ${JSON.stringify(url)}).`,
    });
  }
}
