export { type BudgetContexts, registerBudgetGauges } from "./budget-gauges.js";
export { contextAttributes } from "./context-attributes.js";
export {
  type InstrumentLedgerOptions,
  instrumentLedger,
  type LedgerInstrumentation,
} from "./instrument-ledger.js";
export { otelNames, tokenUsageBucketBoundaries } from "./otel-names.js";
export { recordMetricAttributes, recordSpanAttributes } from "./record-attributes.js";
