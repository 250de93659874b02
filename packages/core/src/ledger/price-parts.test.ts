import { describe, expect, it } from "vitest";
import { createLedger } from "./create-ledger.js";

// User prices (USD per 1M tokens), so the arithmetic is plain: acme:exec input $3, output $15
// (3000 and 15000 nano-USD per token); acme:advisor input $5, output $25 (5000 and 25000).
const prices = {
  "acme:exec": { inputMtok: 3, outputMtok: 15, maxOutputTokens: 4096 },
  "acme:advisor": { inputMtok: 5, outputMtok: 25, maxOutputTokens: 4096 },
};

const parts = [
  { step: "message", usage: { inputTokens: 1051, outputTokens: 35 } },
  {
    model: "acme:advisor",
    step: "advisor_message",
    usage: { inputTokens: 2728, outputTokens: 874 },
  },
  { step: "message", usage: { inputTokens: 1363, outputTokens: 3165 } },
];

describe("settle with parts", () => {
  it("prices each part at its own model; the record's usage and cost are their exact sum", async () => {
    const ledger = createLedger({ prices });
    const reservation = await ledger.reserve({
      model: "acme:exec",
      estimate: { inputTokens: 100, outputTokens: 100 },
    });
    const record = await reservation.settle({ inputTokens: 2414, outputTokens: 3200 }, { parts });
    expect(
      record.parts?.map(({ model, step, costNanoUsd }) => ({ model, step, costNanoUsd })),
    ).toEqual([
      // 1051 × 3000 + 35 × 15000
      { model: "exec", step: "message", costNanoUsd: 3_678_000 },
      // 2728 × 5000 + 874 × 25000
      { model: "advisor", step: "advisor_message", costNanoUsd: 35_490_000 },
      // 1363 × 3000 + 3165 × 15000
      { model: "exec", step: "message", costNanoUsd: 51_564_000 },
    ]);
    expect(record.usage).toEqual({ inputTokens: 5142, outputTokens: 4074 });
    expect(record.costNanoUsd).toBe(90_732_000);
    expect(record.cost?.totalNanoUsd).toBe(90_732_000);
    expect(record.priced).toBe(true);
  });

  it("settles the budget with the parts' total", async () => {
    const ledger = createLedger({
      prices,
      budgets: [{ id: "all", scope: "global", window: "total", limit: { usd: 1 } }],
    });
    const reservation = await ledger.reserve({
      model: "acme:exec",
      estimate: { inputTokens: 100, outputTokens: 100 },
    });
    await reservation.settle({ inputTokens: 2414, outputTokens: 3200 }, { parts });
    const [bucket] = await ledger.status();
    expect(bucket?.spent).toBe(90_732_000);
    expect(bucket?.held).toBe(0);
  });

  it("a part on a model without a price makes the record unpriced, never silently cheaper", async () => {
    const ledger = createLedger({ prices });
    const reservation = await ledger.reserve({
      model: "acme:exec",
      estimate: { inputTokens: 100, outputTokens: 100 },
    });
    const record = await reservation.settle(
      { inputTokens: 10, outputTokens: 10 },
      {
        parts: [
          { usage: { inputTokens: 10, outputTokens: 10 } },
          { model: "acme:nowhere", usage: { inputTokens: 5, outputTokens: 5 } },
        ],
      },
    );
    expect(record.priced).toBe(false);
    expect(record.cost).toBeNull();
    expect(record.parts?.[1]).toMatchObject({ model: "acme:nowhere", cost: null, costNanoUsd: 0 });
  });
});
