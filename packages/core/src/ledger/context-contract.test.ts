import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { InvalidRequestError } from "../errors/invalid-request-error.js";
import { UnscopedCallError } from "../errors/unscoped-call-error.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

const prices = { "acme:flat": { inputMtok: 1_000, outputMtok: 0 } }; // $0.001 per input token
const perUser = { id: "per-user", scope: "userId", window: "day" as const, limit: { usd: 1 } };
const call = (context: Record<string, unknown>) => ({
  model: "acme:flat",
  estimate: { inputTokens: 10, outputTokens: 0 },
  context: context as never,
});

describe("the context contract", () => {
  it("refuses a budget on a key nobody declared, with a did-you-mean", () => {
    const create = () => createLedger({ prices, budgets: [{ ...perUser, scope: "user" }] });
    expect(create).toThrow(InvalidConfigError);
    expect(create).toThrow(
      /scope "user" is not a context key this ledger knows; did you mean "userId"\?/,
    );
    expect(create).toThrow(/createLedger\(\{ contextKeys: \["user"\] \}\)/);
  });

  it("accepts a budget on a key declared in contextKeys", async () => {
    const ledger = createLedger({
      prices,
      contextKeys: ["orgId"],
      budgets: [{ ...perUser, id: "per-org", scope: "orgId" }],
    });
    await ledger.reserve(call({ orgId: "acme" }));
    const [status] = await ledger.status({ orgId: "acme" });
    expect(status).toMatchObject({ scopeValue: "acme", held: 10_000_000 }); // 10 × $0.001
  });

  it("warns by default when a call lacks the budget's key, and lets it through", async () => {
    const events: LedgerEvents["unscoped-call"][] = [];
    const ledger = createLedger({ prices, budgets: [perUser] });
    ledger.on("unscoped-call", (event) => events.push(event));
    await expect(ledger.reserve(call({ feature: "chat" }))).resolves.toBeDefined();
    expect(events).toEqual([
      {
        ruleId: "per-user",
        scope: "userId",
        model: "flat",
        provider: "acme",
        context: { feature: "chat" },
      },
    ]);
  });

  it("refuses a call lacking the key with missingScope: deny", async () => {
    const ledger = createLedger({ prices, budgets: [perUser], missingScope: "deny" });
    await expect(ledger.reserve(call({}))).rejects.toSatisfy(
      (error: unknown) =>
        UnscopedCallError.isInstance(error) &&
        error.ruleId === "per-user" &&
        /has no "userId" in its context/.test(error.message),
    );
  });

  it("says nothing with missingScope: skip", async () => {
    const events: unknown[] = [];
    const ledger = createLedger({ prices, budgets: [perUser], missingScope: "skip" });
    ledger.on("unscoped-call", (event) => events.push(event));
    await ledger.reserve(call({}));
    expect(events).toEqual([]);
  });

  it("reports, never refuses, a recorded call that lacks the key (the spend happened)", async () => {
    const events: unknown[] = [];
    const ledger = createLedger({ prices, budgets: [perUser], missingScope: "deny" });
    ledger.on("unscoped-call", (event) => events.push(event));
    const record = await ledger.record({
      model: "acme:flat",
      usage: { inputTokens: 3, outputTokens: 0 },
    });
    expect(record.costNanoUsd).toBe(3_000_000);
    expect(events).toHaveLength(1);
  });

  it("holds a numeric user id under its string form, the same bucket as the string", async () => {
    const ledger = createLedger({ prices, budgets: [perUser] });
    await ledger.reserve(call({ userId: 42 }));
    await ledger.reserve(call({ userId: "42" }));
    const [status] = await ledger.status({ userId: "42" });
    expect(status).toMatchObject({ scopeValue: "42", held: 20_000_000 });
  });

  it("refuses a context value that is not a string, number or boolean, naming the key", async () => {
    const ledger = createLedger({ prices, budgets: [perUser] });
    await expect(ledger.reserve(call({ userId: { id: 1 } }))).rejects.toSatisfy(
      (error: unknown) => InvalidRequestError.isInstance(error) && error.field === "context.userId",
    );
    await expect(ledger.reserve(call({ userId: Number.NaN }))).rejects.toThrow(
      /context\.userId must be a string/,
    );
    expect(() => ledger.withContext({ teamId: (() => 1) as never }, () => 1)).toThrow(
      InvalidRequestError,
    );
  });
});
