import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../errors/store-unavailable-error.js";
import { memoryStore } from "../store/memory-store.js";
import type { BudgetStore } from "../store/store.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

/** A real memory store behind a switch: while `down`, every call rejects like a dead connection. */
function flakyStore(): { store: BudgetStore; setDown(down: boolean): void } {
  const inner = memoryStore();
  let down = false;
  const store = Object.fromEntries(
    (
      [
        "reserve",
        "settle",
        "release",
        "balances",
        "claimOnce",
        "append",
        "query",
        "aggregate",
      ] as const
    ).map((method) => [
      method,
      (request: never) =>
        down
          ? Promise.reject(new Error("ECONNREFUSED 127.0.0.1:6379"))
          : (inner[method] as (request: never) => Promise<unknown>)(request),
    ]),
  ) as unknown as BudgetStore;
  return {
    store: { ...store, name: "flaky" },
    setDown: (value) => {
      down = value;
    },
  };
}

const prices = { "acme:flat": { inputMtok: 5_000, outputMtok: 0 } }; // $0.005 per input token
const budgets = [{ id: "user", scope: "userId", window: "day" as const, limit: { usd: 1 } }];
const request = {
  model: "acme:flat",
  estimate: { inputTokens: 2, outputTokens: 0 },
  context: { userId: "u" },
};

describe("fail modes", () => {
  it("closed (the default with budgets) refuses with StoreUnavailableError while the store is down", async () => {
    const { store, setDown } = flakyStore();
    const errors: LedgerEvents["store-error"][] = [];
    const ledger = createLedger({ store, prices, budgets });
    ledger.on("store-error", (event) => errors.push(event));
    setDown(true);
    await expect(ledger.reserve(request)).rejects.toSatisfy((error: unknown) =>
      StoreUnavailableError.isInstance(error),
    );
    expect(errors[0]).toMatchObject({ operation: "reserve", buffered: false });
    setDown(false);
    await expect(ledger.reserve(request)).resolves.toBeDefined();
  });

  it("open keeps serving, buffers settlements and records, and replays them once when the store is back", async () => {
    const { store, setDown } = flakyStore();
    const ledger = createLedger({ store, prices, budgets, failMode: "open" });
    const before = await ledger.reserve(request); // held while the store is up
    setDown(true);
    const during = await ledger.reserve(request); // admitted with no hold
    await before.settle({ inputTokens: 1, outputTokens: 0 });
    await during.settle({ inputTokens: 3, outputTokens: 0 });
    await ledger.record({
      model: "acme:flat",
      usage: { inputTokens: 4, outputTokens: 0 },
      context: { userId: "u" },
    });
    setDown(false);
    await ledger.close(); // flushes the buffer
    const [status] = await ledger.status({ userId: "u" });
    // (1 + 3 + 4) tokens × $0.005 = $0.04, none left held, nothing counted twice
    expect(status).toMatchObject({ spent: 40_000_000, held: 0 });
    const rows = await ledger.report({});
    expect(rows[0]).toMatchObject({ requests: 3, costNanoUsd: 40_000_000 });
  });

  it("closed mode also never loses a settlement that fails after the call", async () => {
    const { store, setDown } = flakyStore();
    const ledger = createLedger({ store, prices, budgets });
    const reservation = await ledger.reserve(request);
    setDown(true);
    const record = await reservation.settle({ inputTokens: 2, outputTokens: 0 });
    expect(record.costNanoUsd).toBe(10_000_000);
    setDown(false);
    await ledger.close();
    const [status] = await ledger.status({ userId: "u" });
    expect(status).toMatchObject({ spent: 10_000_000, held: 0 });
  });

  it("does not hang on a store that never answers", async () => {
    const { store } = flakyStore();
    const stuck: BudgetStore = { ...store, reserve: () => new Promise(() => {}) };
    const ledger = createLedger({ store: stuck, prices, budgets, storeTimeoutMs: 50 });
    await expect(ledger.reserve(request)).rejects.toThrow(/within 50 ms/);
  });
});

describe("a write the store keeps refusing", () => {
  it("does not block the writes behind it, and is dropped with an event after 3 refusals", async () => {
    const inner = memoryStore();
    // A store that is up but refuses one particular record (as Postgres refuses "\0" in jsonb).
    const picky: BudgetStore = {
      ...inner,
      name: "picky",
      reserve: (request) => inner.reserve(request),
      settle: (request) => inner.settle(request),
      release: (request) => inner.release(request),
      balances: (request) => inner.balances(request),
      claimOnce: (request) => inner.claimOnce(request),
      query: (query) => inner.query(query),
      aggregate: (query) => inner.aggregate(query),
      append: (records) =>
        records.some((record) => record.context.userId === "bad\u0000id")
          ? Promise.reject(new Error("unsupported Unicode escape sequence"))
          : inner.append(records),
    };
    const errors: LedgerEvents["store-error"][] = [];
    const ledger = createLedger({ store: picky, prices });
    ledger.on("store-error", (event) => errors.push(event));
    const record = (userId: string) =>
      ledger.record({
        model: "acme:flat",
        usage: { inputTokens: 1, outputTokens: 0 },
        context: { userId },
      });
    await record("bad\u0000id");
    for (const userId of ["a", "b", "c", "d"]) await record(userId);
    await ledger.close();
    const rows = await ledger.report({ groupBy: ["userId"] });
    // Every good record landed; the bad one was dropped, loudly.
    expect(rows.map((row) => row.group.userId).sort()).toEqual(["a", "b", "c", "d"]);
    expect(errors.filter((event) => event.dropped)).toHaveLength(1);
    expect(errors.find((event) => event.dropped)?.operation).toBe("append");
  });
});
