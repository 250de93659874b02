/**
 * The code under test, as one entry that `loadSubjects()` bundles the way the packages ship
 * (esbuild, ESM, no tsx transforms), so benchmarks time the published code, not a dev loader.
 */
export { ledgerMiddleware } from "@tokenledger/ai-sdk";
export {
  calculateCost,
  clearTokenCache,
  countTextTokens,
  createLedger,
  gptTokenizer,
  memoryStore,
} from "@tokenledger/core";
export { LedgerCallbackHandler } from "@tokenledger/langchain";
