export { type Alert, AlertDeliveryError, type AlertKind, type AlertSink } from "./alert.js";
export {
  type AlertDelivery,
  type AlertDeliveryOptions,
  type AlertDeliveryStats,
  type AlertRetryOptions,
  createAlertDelivery,
} from "./alert-delivery.js";
export { type LedgerAlerts, type LedgerAlertsOptions, ledgerAlerts } from "./ledger-alerts.js";
export { signWebhook, verifyWebhook } from "./sign-webhook.js";
export { slackMessage, slackSink } from "./slack-sink.js";
export { type UserMonthlySpend, userMonthlySpend } from "./user-monthly-spend.js";
export { type WebhookSinkOptions, webhookHeaders, webhookSink } from "./webhook-sink.js";
