export type { AsyncContextClass, AsyncContextStorage } from "./context-scope.js";
export { createLedger } from "./create-ledger.js";
export type { LedgerOptions, MissingScopePolicy, UnknownModelPolicy } from "./ledger-options.js";
export { type RecordSummary, readRecordSummary, summarizeRecord } from "./record-summary.js";
export { addRecordToTotals, emptyTotals, totalsOf } from "./totals.js";
export type {
  BudgetStatus,
  CallKind,
  CallStatus,
  CloseReport,
  DroppedReason,
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
  UsageRecordPart,
} from "./types.js";
