import { describe, expect, it } from "vitest";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

// In the bundled genai-prices data (2026-08-21) "claude-opus-4-6-fast" is matched only by the
// `startsWith: "claude-opus-4-6"` rule of anthropic:claude-opus-4-6: a family match.
const FAMILY_ID = "claude-opus-4-6-fast";

describe("approximate (family) prices", () => {
  it("are refused under a USD budget with unknownModel 'auto', naming the closest entry", async () => {
    const ledger = createLedger({
      budgets: [{ id: "day", scope: "global", window: "day", limit: { usd: 5 } }],
    });
    const attempt = ledger.reserve({
      model: FAMILY_ID,
      provider: "anthropic",
      estimate: { inputTokens: 10, outputTokens: 10 },
    });
    await expect(attempt).rejects.toSatisfy((error: unknown) =>
      UnknownModelError.isInstance(error),
    );
    await expect(attempt).rejects.toThrow(/anthropic:claude-opus-4-6.*prices:/s);
  });

  it("are priced, marked family, and fire approximate-price when no USD budget applies", async () => {
    const events: LedgerEvents["approximate-price"][] = [];
    const ledger = createLedger();
    ledger.on("approximate-price", (event) => events.push(event));
    const reservation = await ledger.reserve({
      model: FAMILY_ID,
      provider: "anthropic",
      context: { userId: "u" },
    });
    const record = await reservation.settle({ inputTokens: 1000, outputTokens: 100 });
    // Claude Opus 4.6 (anthropic.com/pricing, 2026-12): $5 / $25 per 1M below 200K input:
    // 1000 × 5 + 100 × 25 = 7,500 USD-per-1M units = $0.0075 = 7,500,000 nano-USD.
    expect(record).toMatchObject({
      priced: true,
      costNanoUsd: 7_500_000,
      priceMatch: "family",
      priceEntry: "anthropic:claude-opus-4-6",
    });
    expect(events).toEqual([
      {
        model: FAMILY_ID,
        provider: "anthropic",
        priceEntry: "anthropic:claude-opus-4-6",
        context: { userId: "u" },
      },
    ]);
  });

  it("are priced under a USD budget when unknownModel is 'record'", async () => {
    const ledger = createLedger({
      unknownModel: "record",
      budgets: [{ id: "day", scope: "global", window: "day", limit: { usd: 5 } }],
    });
    const reservation = await ledger.reserve({
      model: FAMILY_ID,
      provider: "anthropic",
      estimate: { inputTokens: 10, outputTokens: 10 },
    });
    const record = await reservation.settle({ inputTokens: 1000, outputTokens: 100 });
    expect(record.priceMatch).toBe("family");
    expect(record.costNanoUsd).toBe(7_500_000);
  });

  // The newest Opus in the bundled data is claude-opus-5-5 (genai-prices npm 0.1.8, 2026-09-23):
  // a later version is a model the data does not know.
  it("never price a newer model id as the older one: claude-opus-6-1 is unpriced", async () => {
    const ledger = createLedger();
    const record = await ledger.record({
      model: "claude-opus-6-1",
      provider: "anthropic",
      usage: { inputTokens: 10, outputTokens: 10 },
    });
    expect(record).toMatchObject({ priced: false, cost: null });
    expect(record.priceMatch).toBeUndefined();
  });

  it("records say how exact prices were matched", async () => {
    const ledger = createLedger();
    const record = await ledger.record({
      model: "claude-sonnet-4-5-20250929",
      usage: { inputTokens: 10, outputTokens: 10 },
    });
    expect(record).toMatchObject({
      priced: true,
      priceMatch: "snapshot",
      priceEntry: "anthropic:claude-sonnet-4-5",
      priceSnapshot: expect.stringMatching(/^genai-prices/),
    });
  });
});
