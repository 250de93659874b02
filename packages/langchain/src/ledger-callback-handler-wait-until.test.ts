import { HumanMessage } from "@langchain/core/messages";
import {
  type BudgetStore,
  createLedger,
  InvalidConfigError,
  memoryStore,
  type UsageRecord,
} from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { openAiCallNanoUsd, openAiModel } from "./test-support/models.js";

/** A memory store whose settle waits until `open()`: a slow store after the response. */
function gatedStore(): { store: BudgetStore; open: () => void } {
  const inner = memoryStore();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    store: {
      ...inner,
      settle: async (request) => {
        await gate;
        return inner.settle(request);
      },
    },
    open,
  };
}

describe("LedgerCallbackHandler({ waitUntil })", () => {
  it("lets invoke resolve before the store write and hands the settlement over", async () => {
    const { store, open } = gatedStore();
    const ledger = createLedger({
      store,
      budgets: [{ id: "all", scope: "global", window: "total", limit: { usd: 1 } }],
    });
    const records: UsageRecord[] = [];
    ledger.on("usage", ({ record }) => records.push(record));
    const handed: Promise<unknown>[] = [];
    const handler = new LedgerCallbackHandler(ledger, {
      waitUntil: (promise) => handed.push(promise),
    });

    await openAiModel().invoke([new HumanMessage("What is the capital of France?")], {
      callbacks: [handler],
    });
    expect(handed).toHaveLength(1);
    expect(records).toEqual([]);
    expect(handler.totals.successfulRequests).toBe(0);

    open();
    await Promise.all(handed);
    expect(records).toHaveLength(1);
    // (1000 − 400) × 2.50 + 400 × 1.25 + 200 × 10 USD per 1M tokens = 4,000,000 nano-USD.
    expect(records[0]?.costNanoUsd).toBe(4_000_000);
    expect(handler.totals.totalCostNanoUsd).toBe(openAiCallNanoUsd);
  });

  it("refuses a waitUntil that is not a function", () => {
    expect(() => new LedgerCallbackHandler(createLedger(), { waitUntil: {} as never })).toThrow(
      InvalidConfigError,
    );
  });
});
