export {
  LedgerSpanCallbackHandler,
  type LedgerSpanCallbackHandlerOptions,
} from "./ledger-span-callback-handler.js";
