import { describe, expect, it } from "vitest";
import { UnknownModelError } from "../errors/unknown-model-error.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

describe("unknown models", () => {
  it("are refused before the call while a USD budget applies", async () => {
    const ledger = createLedger({
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 1 } }],
    });
    const attempt = ledger.reserve({
      model: "my-finetune-v7",
      provider: "acme",
      estimate: { inputTokens: 10, outputTokens: 10 },
      context: { userId: "u" },
    });
    await expect(attempt).rejects.toSatisfy((error: unknown) =>
      UnknownModelError.isInstance(error),
    );
    await expect(attempt).rejects.toThrow(/my-finetune-v7.*prices:/s);
  });

  it("are recorded unpriced with an event when no USD budget applies", async () => {
    const events: LedgerEvents["unpriced-model"][] = [];
    const ledger = createLedger({
      budgets: [{ id: "user-requests", scope: "userId", window: "day", limit: { requests: 5 } }],
    });
    ledger.on("unpriced-model", (event) => events.push(event));
    const reservation = await ledger.reserve({
      model: "my-finetune-v7",
      provider: "acme",
      estimate: { inputTokens: 10, outputTokens: 10 },
      context: { userId: "u" },
    });
    const record = await reservation.settle({ inputTokens: 12, outputTokens: 3 });
    expect(record).toMatchObject({
      priced: false,
      cost: null,
      costNanoUsd: 0,
      model: "my-finetune-v7",
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ model: "my-finetune-v7", context: { userId: "u" } });
    const [status] = await ledger.status({ userId: "u" });
    expect(status).toMatchObject({ limitKind: "requests", spent: 1 });
  });

  it("are always refused with unknownModel: 'refuse', never with 'record'", async () => {
    const refusing = createLedger({ unknownModel: "refuse" });
    await expect(
      refusing.reserve({ model: "nope-1", estimate: { inputTokens: 1, outputTokens: 1 } }),
    ).rejects.toMatchObject({ code: "UNKNOWN_MODEL" });
    const recording = createLedger({
      unknownModel: "record",
      budgets: [{ id: "g", scope: "global", window: "day", limit: { usd: 1 } }],
    });
    await expect(
      recording.reserve({ model: "nope-1", estimate: { inputTokens: 1, outputTokens: 1 } }),
    ).resolves.toMatchObject({ estimate: { priced: false, costNanoUsd: null } });
  });

  it("user prices make a model known", async () => {
    const ledger = createLedger({
      prices: { "acme:my-finetune-v7": { inputMtok: 1, outputMtok: 3 } },
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 1 } }],
    });
    const reservation = await ledger.reserve({
      model: "my-finetune-v7",
      provider: "acme",
      estimate: { inputTokens: 1_000, outputTokens: 1_000 },
      context: { userId: "u" },
    });
    // (1,000×$1 + 1,000×$3)/1M = $0.004 = 4,000,000 nano-USD
    expect(reservation.estimate.costNanoUsd).toBe(4_000_000);
  });
});
