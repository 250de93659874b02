import { HumanMessage } from "@langchain/core/messages";
import {
  type BudgetStore,
  createLedger,
  type Ledger,
  memoryStore,
  type UsageRecord,
} from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { RunBookkeeper } from "./run-bookkeeper.js";
import { openAiCallNanoUsd, openAiModel } from "./test-support/models.js";
import { trackLangChain } from "./track-lang-chain.js";

const question = [new HumanMessage("What is the capital of France?")];

/** A store whose `reserve` waits until the test opens the gate (a slow store, no timing). */
function gatedStore(): { store: BudgetStore; reserveStarted: Promise<void>; open: () => void } {
  const store = memoryStore();
  const reserve = store.reserve.bind(store);
  let started!: () => void;
  const reserveStarted = new Promise<void>((resolve) => {
    started = resolve;
  });
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  store.reserve = async (request) => {
    started();
    await gate;
    return reserve(request);
  };
  return { store, reserveStarted, open };
}

function gatedLedger(): {
  ledger: Ledger;
  records: UsageRecord[];
  reserveStarted: Promise<void>;
  open: () => void;
} {
  const { store, reserveStarted, open } = gatedStore();
  const ledger = createLedger({
    store,
    budgets: [{ id: "all", scope: "global", window: "day", limit: { usd: 10 } }],
  });
  const records: UsageRecord[] = [];
  ledger.on("usage", ({ record }) => records.push(record));
  return { ledger, records, reserveStarted, open };
}

async function heldAndSpent(ledger: Ledger): Promise<{ held: number; spent: number }> {
  const [status] = await ledger.status({});
  return { held: status?.held ?? -1, spent: status?.spent ?? -1 };
}

describe("an abort while the hold is being taken", () => {
  it("books the call LangChain makes after the hold is taken, exactly once", async () => {
    const { ledger, records, reserveStarted, open } = gatedLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const controller = new AbortController();
    // The fake provider ignores the signal, as a provider that already answered would.
    const answer = openAiModel().invoke(question, {
      callbacks: [handler],
      signal: controller.signal,
    });

    await reserveStarted;
    controller.abort();
    open();
    await answer.catch(() => undefined);
    await handler.settleOpenRuns();

    expect(handler.openRuns).toBe(0);
    expect(records).toHaveLength(1);
    expect(records[0]?.costNanoUsd).toBe(openAiCallNanoUsd);
    expect(await heldAndSpent(ledger)).toEqual({ held: 0, spent: openAiCallNanoUsd });
  });

  it("releases a run no end comes for when settleOpenRuns() runs, without hanging", async () => {
    const { ledger, records, reserveStarted, open } = gatedLedger();
    const book = new RunBookkeeper(ledger, {}, {});
    const controller = new AbortController();
    const started = book.startModelRun({
      runId: "run-1",
      parentRunId: undefined,
      runName: undefined,
      provider: "openai",
      batchSize: 1,
      signal: controller.signal,
      reserve: () => ledger.reserve({ model: "gpt-4o", provider: "openai", prompt: "hi" }),
    });

    await reserveStarted;
    controller.abort();
    const settled = book.settleOpenRuns("scope-ended");
    open();
    await started;
    await settled;

    expect(book.openRuns).toBe(0);
    expect(records).toEqual([]);
    expect((await heldAndSpent(ledger)).held).toBe(0);
  });

  it("settles the late answer inside trackLangChain once the scope ends", async () => {
    const { ledger, records, reserveStarted, open } = gatedLedger();
    const controller = new AbortController();

    const { totals } = await trackLangChain(ledger, async () => {
      const answer = openAiModel().invoke(question, { signal: controller.signal });
      await reserveStarted;
      controller.abort();
      open();
      await answer.catch(() => undefined);
    });

    expect(records).toHaveLength(1);
    expect(totals.totalCostNanoUsd).toBe(openAiCallNanoUsd);
    expect((await heldAndSpent(ledger)).held).toBe(0);
  });
});
