import { HumanMessage } from "@langchain/core/messages";
import { RunnableLambda } from "@langchain/core/runnables";
import { createLedger, type Ledger, type UsageRecord } from "@tokenledger/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { openAiModel } from "./test-support/models.js";

const question = [new HumanMessage("What is the capital of France?")];

function budgetedLedger(): { ledger: Ledger; records: UsageRecord[] } {
  const ledger = createLedger({
    budgets: [{ id: "all", scope: "global", window: "day", limit: { usd: 10 } }],
  });
  const records: UsageRecord[] = [];
  ledger.on("usage", ({ record }) => records.push(record));
  return { ledger, records };
}

async function heldAndSpent(ledger: Ledger): Promise<{ held: number; spent: number }> {
  const [status] = await ledger.status({});
  return { held: status?.held ?? -1, spent: status?.spent ?? -1 };
}

/** Reads the first chunk of a stream, then walks away (no end event ever comes). */
async function firstChunkOnly(model: ReturnType<typeof openAiModel>, config = {}): Promise<string> {
  for await (const chunk of await model.stream(question, config)) return chunk.text;
  return "";
}

afterEach(() => {
  vi.useRealTimers();
});

describe("model runs that never end", () => {
  it("settles a stream broken off inside a chain when the chain ends, estimated and aborted", async () => {
    const { ledger, records } = budgetedLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const model = openAiModel();
    const chain = RunnableLambda.from(() => firstChunkOnly(model));

    const text = await chain.invoke({}, { callbacks: [handler] });

    expect(text).toBe("Paris");
    expect(handler.openRuns).toBe(0);
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({ status: "aborted", estimated: true });
    // Input from the pre-call estimate; output counted from the one streamed word.
    expect(record?.usage.inputTokens).toBe(record?.reservedInputTokens);
    expect(record?.usage.outputTokens).toBe(1); // "Paris" is one o200k token
    expect(await heldAndSpent(ledger)).toEqual({ held: 0, spent: record?.costNanoUsd });
    expect(handler.totals.failedRequests).toBe(1);
  });

  it("settles an abandoned bare stream with settleOpenRuns()", async () => {
    const { ledger, records } = budgetedLedger();
    const handler = new LedgerCallbackHandler(ledger);

    await firstChunkOnly(openAiModel(), { callbacks: [handler] });
    expect(handler.openRuns).toBe(1);
    expect((await heldAndSpent(ledger)).held).toBeGreaterThan(0);

    await handler.settleOpenRuns();

    expect(handler.openRuns).toBe(0);
    expect(records.map((record) => record.status)).toEqual(["aborted"]);
    expect((await heldAndSpent(ledger)).held).toBe(0);
  });

  it("settles an abandoned stream after danglingRunTimeoutMs without new tokens", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const { ledger, records } = budgetedLedger();
    let ended!: () => void;
    const runEnded = new Promise<void>((resolve) => {
      ended = resolve;
    });
    const handler = new LedgerCallbackHandler(ledger, {
      danglingRunTimeoutMs: 60_000,
      onRunEnd: () => ended(),
    });

    await firstChunkOnly(openAiModel(), { callbacks: [handler] });
    await vi.advanceTimersByTimeAsync(59_999);
    expect(handler.openRuns).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await runEnded;

    expect(handler.openRuns).toBe(0);
    expect(records.map((record) => record.status)).toEqual(["aborted"]);
    expect((await heldAndSpent(ledger)).held).toBe(0);
  });

  it("settles a stream cut by AbortController from the text it streamed", async () => {
    const { ledger, records } = budgetedLedger();
    let ended!: () => void;
    const runEnded = new Promise<void>((resolve) => {
      ended = resolve;
    });
    const handler = new LedgerCallbackHandler(ledger, { onRunEnd: () => ended() });
    const controller = new AbortController();

    const consume = async () => {
      const stream = await openAiModel().stream(question, {
        callbacks: [handler],
        signal: controller.signal,
      });
      for await (const _chunk of stream) controller.abort();
    };

    await expect(consume()).rejects.toThrow();
    // LangChain sends no end and no error event here; the handler listens to the signal.
    await runEnded;
    expect(handler.openRuns).toBe(0);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: "aborted", estimated: true });
    expect(records[0]?.usage.outputTokens).toBe(1); // "Paris"
    expect((await heldAndSpent(ledger)).held).toBe(0);
  });

  it("books a stream that fails mid-way as an error, from what it streamed", async () => {
    const { ledger, records } = budgetedLedger();
    const handler = new LedgerCallbackHandler(ledger);
    const model = openAiModel({ streamErrorAfterFirstWord: new Error("connection reset") });

    await expect(firstChunkAndRest(model, handler)).rejects.toThrow("connection reset");

    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ status: "error", estimated: true });
    expect((await heldAndSpent(ledger)).held).toBe(0);
  });
});

async function firstChunkAndRest(
  model: ReturnType<typeof openAiModel>,
  handler: LedgerCallbackHandler,
): Promise<void> {
  for await (const _chunk of await model.stream(question, { callbacks: [handler] })) {
    // read everything
  }
}
