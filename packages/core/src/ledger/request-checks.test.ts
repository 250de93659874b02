import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { InvalidRequestError } from "../errors/invalid-request-error.js";
import { createLedger } from "./create-ledger.js";

const prices = { "acme:flat": { inputMtok: 1_000, outputMtok: 0 } }; // $0.001 per input token
const budgets = [{ id: "g", scope: "global", window: "day" as const, limit: { usd: 1 } }];

const refusedWith = (field: string) => (error: unknown) =>
  InvalidRequestError.isInstance(error) && error.field === field;

describe("requests are checked at the edge", () => {
  const ledger = createLedger({ prices, budgets });

  it("reserve(null) and a missing model are typed errors, not TypeErrors", async () => {
    await expect(ledger.reserve(null as never)).rejects.toSatisfy(refusedWith("request"));
    await expect(ledger.reserve({} as never)).rejects.toSatisfy(refusedWith("model"));
    await expect(ledger.record({ usage: {} } as never)).rejects.toSatisfy(refusedWith("model"));
    await expect(ledger.estimate({ model: "" })).rejects.toSatisfy(refusedWith("model"));
  });

  it("an explicit estimate of NaN tokens is refused instead of holding NaN", async () => {
    const request = { model: "acme:flat", estimate: { inputTokens: Number.NaN, outputTokens: 0 } };
    await expect(ledger.reserve(request)).rejects.toSatisfy(refusedWith("estimate.inputTokens"));
    // The budget is untouched: a NaN hold would have admitted everything after it.
    const [status] = await ledger.status({});
    expect(status).toMatchObject({ held: 0, spent: 0 });
    const tooBig = { model: "acme:flat", estimate: { inputTokens: 1_001, outputTokens: 0 } };
    await expect(ledger.reserve(tooBig)).rejects.toThrow(/cannot hold this call/);
  });

  it("maxOutputTokens must be a whole number in range", async () => {
    for (const maxOutputTokens of [-1, 1.5, Number.POSITIVE_INFINITY, 2e9]) {
      await expect(
        ledger.reserve({ model: "acme:flat", prompt: "hi", maxOutputTokens }),
      ).rejects.toSatisfy(refusedWith("maxOutputTokens"));
    }
  });
});

describe("budget limits", () => {
  it("accept up to $1e9 and 1e15 tokens, and refuse more as a unit mistake", () => {
    const rule = { id: "big", scope: "global", window: "day" as const };
    expect(() =>
      createLedger({ budgets: [{ ...rule, limit: { usd: 1e9, tokens: 1e15 } }] }),
    ).not.toThrow();
    expect(() => createLedger({ budgets: [{ ...rule, limit: { usd: 5e9 } }] })).toThrow(
      /usd must be at most 1,000,000,000, got 5,000,000,000 \(limits are in dollars, not nano-USD\)/,
    );
    expect(() => createLedger({ budgets: [{ ...rule, limit: { tokens: 2e15 } }] })).toThrow(
      InvalidConfigError,
    );
  });
});
