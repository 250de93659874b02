import { RunnableLambda } from "@langchain/core/runnables";
import { createLedger, type Ledger, type UsageRecord } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { LedgerCallbackHandler } from "./ledger-callback-handler.js";
import { anthropicModel, openAiModel } from "./test-support/models.js";
import { trackLangChain } from "./track-lang-chain.js";

const openAiNanoUsd = 600 * 2500 + 400 * 1250 + 200 * 10_000; // 4 000 000
const anthropicNanoUsd = 50 * 3000 + 30 * 3750 + 20 * 300 + 20 * 15_000; // 568 500

function recordingLedger(): { ledger: Ledger; records: UsageRecord[] } {
  const ledger = createLedger();
  const records: UsageRecord[] = [];
  ledger.on("usage", ({ record }) => records.push(record));
  return { ledger, records };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("trackLangChain", () => {
  it("tracks every run inside the function without passing callbacks", async () => {
    const { ledger } = recordingLedger();
    const model = openAiModel();

    const { result, totals } = await trackLangChain(ledger, async () => {
      await model.invoke("one");
      const chain = RunnableLambda.from(async (input: string) => (await model.invoke(input)).text);
      return chain.invoke("two");
    });

    expect(result).toBe("Paris is the capital of France.");
    expect(totals).toMatchObject({
      successfulRequests: 2,
      totalTokens: 2 * 1200,
      totalCostNanoUsd: 2 * openAiNanoUsd,
    });
  });

  it("does not leak into code after the scope", async () => {
    const { ledger, records } = recordingLedger();
    const model = openAiModel();

    const { handler } = await trackLangChain(ledger, () => model.invoke("inside"));
    await model.invoke("outside");

    expect(handler.totals.successfulRequests).toBe(1);
    expect(records).toHaveLength(1);
  });

  it("counts two concurrent scopes apart", async () => {
    const { ledger, records } = recordingLedger();

    const [first, second] = await Promise.all([
      trackLangChain(ledger, async () => {
        const model = openAiModel();
        await model.invoke("a");
        await tick();
        await model.invoke("b");
      }),
      trackLangChain(ledger, async () => {
        await tick();
        await anthropicModel().invoke("c");
      }),
    ]);

    expect(first.totals).toMatchObject({
      successfulRequests: 2,
      totalCostNanoUsd: 2 * openAiNanoUsd,
    });
    expect(second.totals).toMatchObject({
      successfulRequests: 1,
      totalCostNanoUsd: anthropicNanoUsd,
    });
    expect(records).toHaveLength(3);
  });

  it("counts a nested scope in both scopes and books each call once", async () => {
    const { ledger, records } = recordingLedger();
    const model = openAiModel();

    const outer = await trackLangChain(ledger, async () => {
      await model.invoke("outer");
      return trackLangChain(ledger, () => model.invoke("inner"));
    });

    expect(outer.result.totals.successfulRequests).toBe(1);
    expect(outer.totals.successfulRequests).toBe(2);
    expect(outer.totals.totalCostNanoUsd).toBe(2 * openAiNanoUsd);
    expect(records).toHaveLength(2);
  });

  it("books once when a handler on the same ledger is also passed in callbacks", async () => {
    const { ledger, records } = recordingLedger();
    const explicit = new LedgerCallbackHandler(ledger);

    const { totals } = await trackLangChain(ledger, () =>
      openAiModel().invoke("both", { callbacks: [explicit] }),
    );

    expect(records).toHaveLength(1);
    expect(totals.totalCostNanoUsd).toBe(openAiNanoUsd);
    expect(explicit.totals.totalCostNanoUsd).toBe(openAiNanoUsd);
  });

  it("settles streams abandoned inside the scope when it ends", async () => {
    const { ledger, records } = recordingLedger();

    const { totals } = await trackLangChain(ledger, async () => {
      for await (const _chunk of await openAiModel().stream("hi")) break;
    });

    expect(records.map((record) => record.status)).toEqual(["aborted"]);
    expect(totals.failedRequests).toBe(1);
  });

  it("re-throws the function's error", async () => {
    const { ledger } = recordingLedger();
    await expect(
      trackLangChain(ledger, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
  });
});
