export {
  type AggregateSums,
  aggregateRecords,
  contextGroupValues,
  RECORD_GROUP_KEYS,
  utcDayOf,
} from "./aggregate-rows.js";
export {
  AMOUNT_FIELD_BY_LIMIT_KIND,
  type Amounts,
  addAmounts,
  addAmountsInto,
  amountOfKind,
  type BucketLimits,
  exceededLimit,
  isStoreAmount,
  LIMIT_KINDS,
  limitOfKind,
  MAX_STORE_AMOUNT,
  zeroAmounts,
} from "./amounts.js";
export { checkStoreAmounts } from "./check-store-amounts.js";
export type {
  AggregateGroupKey,
  AggregateQuery,
  AggregateRow,
  RecordFilter,
  RecordQuery,
  TimeBound,
} from "./ledger-query.js";
export { type MemoryStore, type MemoryStoreOptions, memoryStore } from "./memory-store.js";
export {
  type CompiledRecordFilter,
  compileRecordFilter,
  contextValueMatches,
  matchesRecordFilter,
  timeBoundToMs,
} from "./record-filter.js";
export type {
  BucketBalance,
  BudgetStore,
  ReserveHold,
  ReserveOutcome,
  SettleCharge,
  StoreBalancesRequest,
  StoreClaimRequest,
  StoreDenial,
  StoreReleaseRequest,
  StoreReserveRequest,
  StoreSettleRequest,
  StoreSettleResult,
} from "./store.js";
