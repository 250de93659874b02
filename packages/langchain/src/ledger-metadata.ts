import type { LLMResult } from "@langchain/core/outputs";
import {
  type RecordSummary,
  readRecordSummary,
  summarizeRecord,
  type UsageRecord,
} from "@tokenledger/core";

/** The key under `response_metadata` (and `generationInfo`) that holds a call's summary. */
export const LEDGER_METADATA_KEY = "tokenledger";

/** The summary the handler puts on `response_metadata.tokenledger` (see {@link ledgerMetadata}). */
export type LedgerMetadata = RecordSummary;

type Writable = { [key: string]: unknown };

/**
 * Adds the settled record's summary to every generation of a model run, in place: a chat
 * generation's `message.response_metadata.tokenledger` (the message `invoke` returns is this
 * object) and every generation's `generationInfo.tokenledger` (what `generate()` returns;
 * text LLMs have no message). A run with several choices (`n`) or prompts has one record:
 * each generation gets the same summary.
 */
export function attachLedgerMetadata(output: LLMResult, record: UsageRecord): void {
  const summary = summarizeRecord(record);
  for (const generations of output.generations) {
    for (const generation of generations) {
      generation.generationInfo = { ...generation.generationInfo, [LEDGER_METADATA_KEY]: summary };
      const message = (generation as { message?: unknown }).message;
      if (message === null || typeof message !== "object") continue;
      const target = message as Writable;
      const existing = target.response_metadata;
      target.response_metadata = {
        ...(existing !== null && typeof existing === "object" ? existing : {}),
        [LEDGER_METADATA_KEY]: { ...summary },
      };
    }
  }
}

/**
 * What a model call cost, read from the message `invoke` returned (or anything with
 * `response_metadata`, or a generation's `generationInfo`). `undefined` when the handler had
 * not settled the call before the message was returned: with the `waitUntil` option, for
 * streamed chunks (`.stream()` yields them before the run ends), a cache hit, or a call not
 * made through a {@link LedgerCallbackHandler}.
 */
export function ledgerMetadata(
  source:
    | { response_metadata?: unknown }
    | { generationInfo?: unknown }
    | Readonly<Record<string, unknown>>
    | null
    | undefined,
): LedgerMetadata | undefined {
  if (source === null || typeof source !== "object") return undefined;
  const holder = source as Record<string, unknown>;
  for (const key of ["response_metadata", "generationInfo"]) {
    const metadata = holder[key];
    if (metadata !== null && typeof metadata === "object") {
      const summary = readRecordSummary((metadata as Record<string, unknown>)[LEDGER_METADATA_KEY]);
      if (summary !== undefined) return summary;
    }
  }
  return readRecordSummary(holder[LEDGER_METADATA_KEY]);
}
