export { decimalToNanoUsd, usdNumberToNanoUsd } from "./amount-to-nano-usd.js";
export { type LedgerCostRow, ledgerCostRows, modelKey } from "./ledger-cost-rows.js";
export type {
  ProviderCostReport,
  ProviderCostRow,
  ReadProviderCostsOptions,
  UnconvertedAmount,
} from "./provider-cost.js";
export { ProviderReportError } from "./provider-report-error.js";
export {
  ANTHROPIC_ADMIN_KEY_VARIABLES,
  readAnthropicCosts,
} from "./read-anthropic-costs.js";
export {
  modelOfOpenAiLineItem,
  OPENAI_ADMIN_KEY_VARIABLES,
  readOpenAiCosts,
} from "./read-openai-costs.js";
export {
  DEFAULT_TOLERANCE_NANO_USD,
  type ReconcileCause,
  type ReconcileResult,
  type ReconcileRow,
  reconcileCosts,
  reconcileReportedCosts,
} from "./reconcile-costs.js";
export { ReconcileMismatchError } from "./reconcile-mismatch-error.js";
