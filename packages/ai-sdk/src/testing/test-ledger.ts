import { createLedger, type Ledger, type LedgerOptions, type UsageRecord } from "@tokenledger/core";
import type { AiMajor } from "./ai-major.js";
import { aiV5 } from "./ai-v5-major.js";
import { aiV6 } from "./ai-v6-major.js";
import { aiV7 } from "./ai-v7-major.js";

/** Every `ai` major the suite runs against. */
export const aiMajors: readonly AiMajor[] = [aiV5, aiV6, aiV7];

/**
 * Prices of the mock models, USD per 1M tokens. In nano-USD per token: big input 2000, big
 * output 8000; small input 500, small output 1000; embed input 20.
 */
export const mockPrices: NonNullable<LedgerOptions["prices"]> = {
  "acme:big": { inputMtok: 2, outputMtok: 8, maxOutputTokens: 8192 },
  "acme:small": { inputMtok: 0.5, outputMtok: 1, maxOutputTokens: 8192 },
  "acme:embed": { inputMtok: 0.02, outputMtok: 0 },
};

/** A ledger over the default memory store that keeps every record it settles, in order. */
export function recordingLedger(options: LedgerOptions = {}): {
  ledger: Ledger;
  records: UsageRecord[];
  /** Resolves with the next `count` records (counting those already kept). */
  nextRecords(count: number): Promise<UsageRecord[]>;
} {
  const ledger = createLedger({ prices: mockPrices, ...options });
  const records: UsageRecord[] = [];
  const waiters: { count: number; resolve: (records: UsageRecord[]) => void }[] = [];
  ledger.on("usage", ({ record }) => {
    records.push(record);
    for (const waiter of waiters.filter((candidate) => records.length >= candidate.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(records.slice());
    }
  });
  return {
    ledger,
    records,
    nextRecords(count) {
      if (records.length >= count) return Promise.resolve(records.slice());
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
  };
}

/** Sum of `held` over every budget bucket that applies to `context`. */
export async function totalHeld(
  ledger: Ledger,
  context?: Parameters<Ledger["status"]>[0],
): Promise<number> {
  const status = await ledger.status(context);
  return status.reduce((sum, bucket) => sum + bucket.held, 0);
}
