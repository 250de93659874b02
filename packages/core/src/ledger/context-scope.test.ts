import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { findAsyncContext } from "./context-scope.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

/** Hides both ways a runtime offers AsyncLocalStorage, like Cloudflare without nodejs_compat. */
function withoutAsyncLocalStorage(): void {
  vi.stubGlobal("AsyncLocalStorage", undefined);
  Object.defineProperty(process, "getBuiltinModule", { value: undefined, configurable: true });
}

const originalGetBuiltinModule = process.getBuiltinModule;

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  Object.defineProperty(process, "getBuiltinModule", {
    value: originalGetBuiltinModule,
    configurable: true,
    writable: true,
  });
});

// gpt-4o: $2.50 per 1M input, $10 per 1M output (genai-prices, checked 2026-11).
// 1,000 input + 100 output = 2,500 + 1,000 = 3,500 nano-USD × 1,000 = 3,500,000 nano-USD.
const gpt4oCall = {
  model: "gpt-4o",
  provider: "openai.chat",
  usage: { inputTokens: 1_000, outputTokens: 100 },
};

describe("AsyncLocalStorage lookup", () => {
  it("finds Node's through process.getBuiltinModule, without importing node:async_hooks", () => {
    expect(findAsyncContext()).toBe(AsyncLocalStorage);
  });

  it("prefers globalThis.AsyncLocalStorage (Vercel Edge, edge-runtime)", () => {
    class EdgeAsyncLocalStorage<T> extends AsyncLocalStorage<T> {}
    vi.stubGlobal("AsyncLocalStorage", EdgeAsyncLocalStorage);
    expect(findAsyncContext()).toBe(EdgeAsyncLocalStorage);
  });

  it("finds none where the runtime has neither", () => {
    withoutAsyncLocalStorage();
    expect(findAsyncContext()).toBeUndefined();
  });
});

describe("a ledger on a runtime without AsyncLocalStorage", () => {
  it("runs withContext and track, keeps per-call context, and says so once", async () => {
    withoutAsyncLocalStorage();
    const events: LedgerEvents["context-unavailable"][] = [];
    const ledger = createLedger();
    ledger.on("context-unavailable", (payload) => events.push(payload));

    const record = await ledger.withContext({ userId: "u1" }, async () => {
      await sleep(1);
      return ledger.record({ ...gpt4oCall, context: { feature: "chat" } });
    });
    expect(record.context).toEqual({ feature: "chat" });

    const { result, totals } = await ledger.track(async () => {
      await ledger.record(gpt4oCall);
      return "done";
    });
    expect(result).toBe("done");
    expect(totals.successfulRequests).toBe(0);

    expect(events).toHaveLength(1);
    expect(events[0]?.usedBy).toBe("withContext");
    expect(events[0]?.message).toContain("asyncContext");
    expect(events[0]?.message).toContain("nodejs_compat");
  });

  it("warns on the console once when nothing listens", async () => {
    withoutAsyncLocalStorage();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const ledger = createLedger();
    await ledger.track(async () => {});
    await ledger.track(async () => {});
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toContain("[tokenledger]");
  });

  it("uses the AsyncLocalStorage given as asyncContext", async () => {
    withoutAsyncLocalStorage();
    const ledger = createLedger({ asyncContext: AsyncLocalStorage });
    const { totals } = await ledger.track(() =>
      ledger.withContext({ userId: "u1" }, async () => {
        await sleep(1);
        const record = await ledger.record(gpt4oCall);
        expect(record.context).toEqual({ userId: "u1" });
      }),
    );
    expect(totals.successfulRequests).toBe(1);
    expect(totals.totalCostNanoUsd).toBe(3_500_000);
  });

  it("refuses an asyncContext that is not a class", () => {
    expect(() => createLedger({ asyncContext: {} as never })).toThrow(InvalidConfigError);
    expect(() => createLedger({ asyncContext: {} as never })).toThrow(/asyncContext/);
  });
});
