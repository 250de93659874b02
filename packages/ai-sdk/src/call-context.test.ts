import { createLedger, InvalidConfigError } from "@tokenledger/core";
import { describe, expect, it } from "vitest";
import { callContextOf, resolveCallContext } from "./call-context.js";

const ledger = createLedger();
const sources = {
  ledger,
  context: { feature: "chat" },
  providerOptionsKey: "tokenledger",
  carrier: Symbol("test carrier"),
};

describe("resolveCallContext", () => {
  it("merges scope, options and per-call context, per-call keys winning", () => {
    const call = ledger.withContext({ userId: "u-scope", teamId: "t-1" }, () =>
      resolveCallContext(
        { providerOptions: { tokenledger: { userId: "u-call", tags: ["a", "b"] } } },
        { ...sources, context: () => ({ feature: "chat", userId: "u-option" }) },
      ),
    );
    expect(call.context).toEqual({
      userId: "u-call",
      teamId: "t-1",
      feature: "chat",
      tags: ["a", "b"],
    });
  });

  it("strips only its own key and never mutates the caller's params", () => {
    const params = { providerOptions: { tokenledger: { userId: "u-1" }, openai: { user: "x" } } };
    const call = resolveCallContext(params, sources);
    expect(call.params.providerOptions).toEqual({ openai: { user: "x" } });
    expect(params.providerOptions).toHaveProperty("tokenledger");
  });

  it("honours a custom key", () => {
    const call = resolveCallContext(
      { providerOptions: { budget: { userId: "u-2" } } },
      { ...sources, providerOptionsKey: "budget" },
    );
    expect(call.context.userId).toBe("u-2");
    expect(call.params.providerOptions).toEqual({});
  });

  it("returns a fresh params object even without per-call context", () => {
    const params = { maxOutputTokens: 5, providerOptions: { openai: { user: "x" } } };
    const call = resolveCallContext(params, sources);
    expect(call.params).not.toBe(params);
    expect(Object.keys(call.params)).toEqual(Object.keys(params));
    expect(JSON.stringify(call.params)).toBe(JSON.stringify(params));
    expect(call.context).toEqual({ feature: "chat" });
  });

  it("carries the resolved context on the transformed params, out of the provider's sight", () => {
    const call = resolveCallContext(
      { providerOptions: { tokenledger: { userId: "u-3" } } },
      sources,
    );
    expect(JSON.stringify(call.params)).toBe('{"providerOptions":{}}');
    expect(callContextOf(call.params, sources)).toBe(call.context);
    // Params that never went through transformParams are resolved on the spot.
    expect(callContextOf({ providerOptions: { tokenledger: { userId: "u-4" } } }, sources)).toEqual(
      { feature: "chat", userId: "u-4" },
    );
    // Another middleware's carrier is not this one's.
    expect(callContextOf(call.params, { ...sources, carrier: Symbol("other") })).toEqual({
      feature: "chat",
    });
  });

  it("refuses values budgets cannot scope on", () => {
    expect(() =>
      resolveCallContext({ providerOptions: { tokenledger: { userId: 42 } } }, sources),
    ).toThrow(InvalidConfigError);
    expect(() => resolveCallContext({ providerOptions: { tokenledger: "u-1" } }, sources)).toThrow(
      /must be an object/,
    );
  });
});
