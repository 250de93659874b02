import type { UsageRecord } from "../ledger/types.js";
import type { Amounts } from "../store/amounts.js";
import type { BucketBalance, BudgetStore, ReserveHold } from "../store/store.js";

/** `{ nanoUsd, tokens, requests }` with zeros for the kinds not given. */
export function amounts(partial: Partial<Amounts>): Amounts {
  return { nanoUsd: 0, tokens: 0, requests: 0, ...partial };
}

/** A hold on `key` with a tokens limit (the most common shape in the cases). */
export function tokensHold(
  key: string,
  limitTokens: number,
  tokens: number,
  extra: Partial<ReserveHold> = {},
): ReserveHold {
  return {
    key,
    limits: { tokens: limitTokens },
    amount: amounts({ tokens }),
    enforce: true,
    expiresAtMs: null,
    ...extra,
  };
}

/** The balance of one key, as `{ spent, held }`. */
export async function balanceOf(
  store: BudgetStore,
  key: string,
  nowMs: number,
  rollingWindowMs?: number,
): Promise<Pick<BucketBalance, "spent" | "held">> {
  const request = rollingWindowMs === undefined ? { key } : { key, rollingWindowMs };
  const [balance] = await store.balances({ keys: [request], nowMs });
  if (!balance) throw new Error(`balances() returned nothing for key ${key}`);
  return { spent: balance.spent, held: balance.held };
}

/**
 * A complete {@link UsageRecord} for store tests. Give at least `id` and `time`; the rest has
 * plausible defaults (`openai`/`gpt-4o`, 100 in / 50 out, priced at `costNanoUsd`).
 */
export function makeUsageRecord(
  overrides: Partial<UsageRecord> & { id: string; time: string },
): UsageRecord {
  const provider = overrides.provider ?? "openai";
  const model = overrides.model ?? "gpt-4o";
  const costNanoUsd = overrides.costNanoUsd ?? 0;
  const priced = overrides.priced ?? true;
  return {
    kind: "chat",
    requestedModel: model,
    usage: { inputTokens: 100, outputTokens: 50 },
    cost: priced
      ? {
          provider,
          model,
          totalNanoUsd: costNanoUsd,
          totalUsd: costNanoUsd / 1e9,
          lines: [],
          priceSource: "conformance",
        }
      : null,
    estimated: false,
    status: "ok",
    context: {},
    ...overrides,
    provider,
    model,
    costNanoUsd,
    priced,
  };
}
