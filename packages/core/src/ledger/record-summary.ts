import { nanoUsdToUsd } from "../money/nano-usd.js";
import type { CallStatus, UsageRecord } from "./types.js";

/**
 * What an adapter puts on a call's result (AI SDK `providerMetadata.tokenledger`, LangChain
 * `response_metadata.tokenledger`): the settled record in a few JSON values.
 *
 * Budget remaining is not part of it: the settle path does not return the buckets' balances to
 * the adapter, and reading them would cost a store read per call. Use `ledger.status(context)`
 * when you need it.
 */
export interface RecordSummary {
  /** The {@link UsageRecord.id} (`ledger.records()` and the CLI find the full record by it). */
  recordId: string;
  /** Cost in USD, for display; `costNanoUsd` is exact. 0 when unpriced (check `priced`). */
  costUsd: number;
  /** Integer nano-USD (1 USD = 1 000 000 000), as budgets count it. 0 when unpriced. */
  costNanoUsd: number;
  /** The model had a price; false means the cost is 0 because nothing priced it. */
  priced: boolean;
  /** Usage was estimated (no usage reported, a cut stream), not reported by the provider. */
  estimated: boolean;
  /** The model id the cost was computed for. */
  model: string;
  provider: string;
  status: CallStatus;
}

/** The {@link RecordSummary} of a settled record. */
export function summarizeRecord(record: UsageRecord): RecordSummary {
  return {
    recordId: record.id,
    costUsd: nanoUsdToUsd(record.costNanoUsd),
    costNanoUsd: record.costNanoUsd,
    priced: record.priced,
    estimated: record.estimated,
    model: record.model,
    provider: record.provider,
    status: record.status,
  };
}

const statuses: ReadonlySet<unknown> = new Set<CallStatus>(["ok", "aborted", "error"]);

/**
 * Reads a {@link RecordSummary} back from metadata (any value): the summary when every field has
 * its type, else `undefined` (the call was not settled through tokenledger, or was settled
 * after the result was returned, as with `waitUntil`).
 */
export function readRecordSummary(value: unknown): RecordSummary | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const summary = value as Record<string, unknown>;
  const valid =
    typeof summary.recordId === "string" &&
    typeof summary.costUsd === "number" &&
    Number.isSafeInteger(summary.costNanoUsd) &&
    typeof summary.priced === "boolean" &&
    typeof summary.estimated === "boolean" &&
    typeof summary.model === "string" &&
    typeof summary.provider === "string" &&
    statuses.has(summary.status);
  return valid ? (summary as unknown as RecordSummary) : undefined;
}
