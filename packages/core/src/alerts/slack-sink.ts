import type { Alert, AlertSink } from "./alert.js";
import { postJson } from "./post-json.js";
import { assertUrl } from "./webhook-sink.js";

const icons: Record<Alert["kind"], string> = {
  threshold: ":warning:",
  "denied-burst": ":no_entry:",
  "store-error": ":rotating_light:",
  "cost-mismatch": ":mag:",
  dropped: ":rotating_light:",
  "user-over-limit": ":moneybag:",
};

/** The Slack incoming-webhook payload for an alert: a `text` fallback and one section block. */
export function slackMessage(alert: Alert): { text: string; blocks: unknown[] } {
  const text = `${icons[alert.kind]} tokenledger: ${alert.summary}`;
  const facts = Object.entries(alert.details)
    .filter(([, value]) => value !== undefined && typeof value !== "object")
    .map(([key, value]) => `*${key}*: ${String(value)}`)
    .join("\n");
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text } },
      ...(facts.length > 0 ? [{ type: "section", text: { type: "mrkdwn", text: facts } }] : []),
      { type: "context", elements: [{ type: "mrkdwn", text: `${alert.kind} · ${alert.time}` }] },
    ],
  };
}

/**
 * A Slack incoming webhook (`https://hooks.slack.com/services/…`). Slack does not dedupe:
 * the delivery loop's own dedupe by idempotency key is what keeps one message per alert.
 */
export function slackSink(options: { webhookUrl: string }): AlertSink {
  assertUrl(options.webhookUrl, "slackSink");
  return {
    name: "slack",
    async send(alert: Alert, signal: AbortSignal) {
      await postJson(options.webhookUrl, JSON.stringify(slackMessage(alert)), {}, signal);
    },
  };
}
