export type { WaitUntil } from "./defer-settlement.js";
export {
  type LedgerEmbeddingMiddleware,
  type LedgerEmbeddingOptions,
  ledgerEmbeddingMiddleware,
} from "./ledger-embedding-middleware.js";
export {
  LEDGER_METADATA_KEY,
  type LedgerMetadata,
  ledgerMetadata,
} from "./ledger-metadata.js";
export { type LedgerMiddleware, ledgerMiddleware } from "./ledger-middleware.js";
export type { FallbackModel, LedgerMiddlewareOptions } from "./ledger-middleware-options.js";
export type {
  CallOptionsLike,
  EmbeddingCallOptionsLike,
  LanguageModelLike,
  ModelIdentity,
  StreamResultLike,
} from "./model-shapes.js";
export { type EmbeddingModelLike, withLedgerEmbeddings } from "./with-ledger-embeddings.js";
