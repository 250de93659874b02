export { type LedgerTelemetry, ledgerTelemetry } from "./ledger-telemetry.js";
