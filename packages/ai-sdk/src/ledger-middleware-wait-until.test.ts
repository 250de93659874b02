import { type BudgetStore, InvalidConfigError, memoryStore } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { ledgerMiddleware } from "./ledger-middleware.js";
import { aiMajors, recordingLedger } from "./testing/test-ledger.js";

// Prices (testing/test-ledger.ts), nano-USD per token: acme:big input 2000, output 8000.

/** A memory store whose settle and append wait until `open()`: a slow store after the response. */
function gatedStore(): { store: BudgetStore; open: () => void; writes: string[] } {
  const inner = memoryStore();
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const writes: string[] = [];
  const store: BudgetStore = {
    ...inner,
    settle: async (request) => {
      await gate;
      writes.push("settle");
      return inner.settle(request);
    },
    append: async (records) => {
      await gate;
      writes.push("append");
      return inner.append(records);
    },
  };
  return { store, open, writes };
}

const budget = {
  budgets: [{ id: "all", scope: "global", window: "total" as const, limit: { usd: 1 } }],
};

describe.each(aiMajors)("ledgerMiddleware({ waitUntil }) on $name", (major) => {
  const bigModel = () =>
    major.languageModel({
      provider: "acme",
      modelId: "big",
      generate: () => ({ text: "Hi there", usage: { input: 100, output: 50 } }),
      stream: () => ({ textDeltas: ["Hi", " there"], usage: { input: 100, output: 50 } }),
    });

  it("returns a generate result before the store write, and hands the settlement over", async () => {
    const { store, open, writes } = gatedStore();
    const { ledger, nextRecords } = recordingLedger({ store, ...budget });
    const handed: Promise<unknown>[] = [];
    const result = await major.generateText({
      model: bigModel(),
      middleware: ledgerMiddleware(ledger, { waitUntil: (promise) => handed.push(promise) }),
      prompt: "Hello",
    });
    expect(result.text).toBe("Hi there");
    expect(handed).toHaveLength(1);
    expect(writes).toEqual([]);

    open();
    await Promise.all(handed);
    const [record] = await nextRecords(1);
    // 100 × 2000 + 50 × 8000
    expect(record?.costNanoUsd).toBe(600_000);
    expect(writes).toContain("settle");
  });

  it("ends a stream before the store write, and hands the settlement over", async () => {
    const { store, open, writes } = gatedStore();
    const { ledger, nextRecords } = recordingLedger({ store, ...budget });
    const handed: Promise<unknown>[] = [];
    const outcome = await major.streamText({
      model: bigModel(),
      middleware: ledgerMiddleware(ledger, { waitUntil: (promise) => handed.push(promise) }),
      prompt: "Hello",
    });
    expect(outcome.text).toBe("Hi there");
    expect(outcome.errors).toEqual([]);
    expect(handed).toHaveLength(1);
    expect(writes).toEqual([]);

    open();
    await Promise.all(handed);
    const [record] = await nextRecords(1);
    expect(record?.costNanoUsd).toBe(600_000);
  });
});

describe("the waitUntil option", () => {
  it("must be a function", () => {
    const { ledger } = recordingLedger();
    expect(() => ledgerMiddleware(ledger, { waitUntil: "later" as never })).toThrow(
      InvalidConfigError,
    );
    expect(() => ledgerMiddleware(ledger, { waitUntil: "later" as never })).toThrow(
      /ctx\.waitUntil/,
    );
  });
});
