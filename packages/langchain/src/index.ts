export { contextFromMetadata, type MetadataContextKeys } from "./context-from-metadata.js";
export {
  LedgerCallbackHandler,
  type LedgerCallbackHandlerOptions,
} from "./ledger-callback-handler.js";
export {
  LEDGER_METADATA_KEY,
  type LedgerMetadata,
  ledgerMetadata,
} from "./ledger-metadata.js";
export type { ModelDefaults } from "./model-from-start.js";
export type { RunBookkeepingOptions, RunEndEvent } from "./run-bookkeeper.js";
export { type TrackLangChainResult, trackLangChain } from "./track-lang-chain.js";
