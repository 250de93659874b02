export { brokenStore } from "./broken-store.js";
export {
  CONFORMANCE_PREFIX,
  type ConformanceAssert,
  StoreConformanceError,
} from "./conformance-assert.js";
export { amounts, makeUsageRecord } from "./conformance-fixtures.js";
export type {
  ConformanceCase,
  ConformanceContext,
  ConformanceRunner,
  MakeStore,
  StoreConformanceOptions,
} from "./conformance-types.js";
export { ATOMICITY_CASE_NAME } from "./reserve-conformance-cases.js";
export { runStoreConformance, storeConformanceCases } from "./run-store-conformance.js";
