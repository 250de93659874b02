export type { AsyncContextClass, AsyncContextStorage } from "./context-scope.js";
export { createLedger } from "./create-ledger.js";
export type { LedgerOptions, UnknownModelPolicy } from "./ledger-options.js";
export { addRecordToTotals, emptyTotals, totalsOf } from "./totals.js";
export type {
  BudgetStatus,
  CallKind,
  CallStatus,
  Estimate,
  EstimateRequest,
  Ledger,
  LedgerContext,
  LedgerEventName,
  LedgerEvents,
  RecordRequest,
  ReportQuery,
  Reservation,
  ReserveRequest,
  SettleMeta,
  Totals,
  UsageRecord,
} from "./types.js";
