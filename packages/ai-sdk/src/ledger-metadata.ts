import {
  type RecordSummary,
  readRecordSummary,
  summarizeRecord,
  type UsageRecord,
} from "@tokenledger/core";

/** The key under `providerMetadata` that holds a call's {@link RecordSummary}. */
export const LEDGER_METADATA_KEY = "tokenledger";

/** The summary the middleware puts on `providerMetadata.tokenledger` (see {@link ledgerMetadata}). */
export type LedgerMetadata = RecordSummary;

type WithProviderMetadata = { providerMetadata?: unknown };

/**
 * A model result (a `doGenerate` result or a stream's `finish` part) with the settled record's
 * summary added under `providerMetadata.tokenledger`; the provider's own entries are kept.
 * A shallow copy: the provider's object is not changed.
 */
export function withLedgerMetadata<Result>(result: Result, record: UsageRecord): Result {
  const existing = (result as WithProviderMetadata).providerMetadata;
  const providerMetadata = {
    ...(existing !== null && typeof existing === "object" ? existing : {}),
    ...ledgerProviderMetadata(record),
  };
  return { ...result, providerMetadata };
}

/** `{ tokenledger: summary }`: the `providerMetadata` entry of a settled record. */
export function ledgerProviderMetadata(record: UsageRecord): Record<string, RecordSummary> {
  return { [LEDGER_METADATA_KEY]: summarizeRecord(record) };
}

/**
 * What a call cost, read from an AI SDK result: pass a `generateText` result, one of its
 * `steps`, an `onFinish`/`onStepFinish` event, or the awaited `providerMetadata` of a
 * `streamText` result. `undefined` when the call was not settled by the ledger middleware
 * before the result was returned (the `waitUntil` option defers settlement: read the record
 * from `ledger.on("usage")` then).
 *
 * A `generateText` result's `providerMetadata` is its last step's: with tools (several steps),
 * read each of `result.steps` for the whole cost.
 */
export function ledgerMetadata(
  source: WithProviderMetadata | Readonly<Record<string, unknown>> | null | undefined,
): LedgerMetadata | undefined {
  if (source === null || typeof source !== "object") return undefined;
  const direct = (source as Record<string, unknown>)[LEDGER_METADATA_KEY];
  if (direct !== undefined) return readRecordSummary(direct);
  const providerMetadata = (source as WithProviderMetadata).providerMetadata;
  if (providerMetadata === null || typeof providerMetadata !== "object") return undefined;
  return readRecordSummary((providerMetadata as Record<string, unknown>)[LEDGER_METADATA_KEY]);
}
