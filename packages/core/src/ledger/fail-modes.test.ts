import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { StoreInputError } from "../errors/store-input-error.js";
import { StoreUnavailableError } from "../errors/store-unavailable-error.js";
import { memoryStore } from "../store/memory-store.js";
import type { BudgetStore } from "../store/store.js";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

type StoreMethod =
  | "reserve"
  | "settle"
  | "release"
  | "balances"
  | "claimOnce"
  | "append"
  | "query"
  | "aggregate";
const METHODS: readonly StoreMethod[] = [
  "reserve",
  "settle",
  "release",
  "balances",
  "claimOnce",
  "append",
  "query",
  "aggregate",
];

/**
 * A real memory store behind a switch, seen by the ledger as a store across a network (so the
 * ledger's timeouts apply): `up`, `down` (every call rejects like a dead connection) or `hang`
 * (calls never answer). `before(method, request)` may delay or fail one call.
 */
function switchedStore(before?: (method: StoreMethod, request: unknown) => Promise<void> | void) {
  const inner = memoryStore();
  let state: "up" | "down" | "hang" = "up";
  const store = { name: "switched" } as Record<string, unknown>;
  for (const method of METHODS) {
    store[method] = async (request: never) => {
      if (state === "down") throw new Error("ECONNREFUSED 127.0.0.1:6379");
      if (state === "hang") return new Promise(() => {});
      await before?.(method, request);
      return (inner[method] as (request: never) => Promise<unknown>)(request);
    };
  }
  return {
    store: store as unknown as BudgetStore,
    set(next: "up" | "down" | "hang") {
      state = next;
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
const isUnavailable = (error: unknown) => StoreUnavailableError.isInstance(error);

describe("fail modes", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("closed (the default with budgets) refuses while the store is down, and admits again once it is back", async () => {
    vi.useFakeTimers();
    const { store, set } = switchedStore();
    const errors: LedgerEvents["store-error"][] = [];
    const ledger = createLedger({ store, prices, budgets });
    ledger.on("store-error", (event) => errors.push(event));
    set("down");
    await expect(ledger.reserve(request)).rejects.toSatisfy(isUnavailable);
    expect(errors[0]).toMatchObject({ operation: "reserve", buffered: false });
    set("up");
    // The guard tries the store again within its retry delay (250 ms, jittered).
    await vi.advanceTimersByTimeAsync(400);
    await expect(ledger.reserve(request)).resolves.toBeDefined();
  });

  it("one failed call does not shut the store off: the next caller tries it", async () => {
    let failNext = true;
    const { store } = switchedStore((method) => {
      if (method === "reserve" && failNext) {
        failNext = false;
        throw new Error("read ECONNRESET");
      }
    });
    const ledger = createLedger({ store, prices, budgets });
    await expect(ledger.reserve(request)).rejects.toSatisfy(isUnavailable);
    await expect(ledger.reserve(request)).resolves.toBeDefined();
  });

  it("open keeps serving, buffers settlements and records, and replays them once when the store is back", async () => {
    const { store, set } = switchedStore();
    const ledger = createLedger({ store, prices, budgets, failMode: "open" });
    const before = await ledger.reserve(request); // held while the store is up
    set("down");
    const during = await ledger.reserve(request); // admitted with no hold
    await before.settle({ inputTokens: 1, outputTokens: 0 });
    await during.settle({ inputTokens: 3, outputTokens: 0 });
    await ledger.record({
      model: "acme:flat",
      usage: { inputTokens: 4, outputTokens: 0 },
      context: { userId: "u" },
    });
    set("up");
    expect(await ledger.close()).toEqual({ unwritten: [] }); // flushes the buffer
    const [status] = await ledger.status({ userId: "u" });
    // (1 + 3 + 4) tokens × $0.005 = $0.04, none left held, nothing counted twice
    expect(status).toMatchObject({ spent: 40_000_000, held: 0 });
    const rows = await ledger.report({});
    expect(rows[0]).toMatchObject({ requests: 3, costNanoUsd: 40_000_000 });
  });

  it("closed mode also never loses a settlement that fails after the call", async () => {
    const { store, set } = switchedStore();
    const ledger = createLedger({ store, prices, budgets });
    const reservation = await ledger.reserve(request);
    set("down");
    const record = await reservation.settle({ inputTokens: 2, outputTokens: 0 });
    expect(record.costNanoUsd).toBe(10_000_000);
    set("up");
    await ledger.close();
    const [status] = await ledger.status({ userId: "u" });
    expect(status).toMatchObject({ spent: 10_000_000, held: 0 });
  });

  it("does not hang on a store that never answers", async () => {
    const { store, set } = switchedStore();
    const ledger = createLedger({ store, prices, budgets, storeTimeoutMs: 50 });
    set("hang");
    await expect(ledger.reserve(request)).rejects.toThrow(/within 50 ms/);
  });
});

describe("during an outage no caller waits longer than storeTimeoutMs", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a settle returns after one timeout (its record write is buffered without waiting)", async () => {
    const { store, set } = switchedStore();
    const ledger = createLedger({ store, prices, budgets, storeTimeoutMs: 500 });
    const reservation = await ledger.reserve(request);
    set("hang");
    let settled = false;
    const settling = reservation.settle({ inputTokens: 2, outputTokens: 0 }).then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(settled).toBe(true);
    await settling;
  });

  it("sixty calls in open mode cost one timeout in all, not sixty", async () => {
    const { store, set } = switchedStore();
    const ledger = createLedger({ store, prices, budgets, failMode: "open", storeTimeoutMs: 500 });
    set("hang");
    let finished = 0;
    const calls = (async () => {
      for (let index = 0; index < 60; index++) {
        const reservation = await ledger.reserve(request);
        await reservation.settle({ inputTokens: 1, outputTokens: 0 });
        finished += 1;
      }
    })();
    // The first reserve and its settle find out the store is down; every later call is
    // admitted without a hold and buffered at once.
    await vi.advanceTimersByTimeAsync(1_001);
    expect(finished).toBe(60);
    await calls;
  });
});

describe("writes the store does not take", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const record = (ledger: ReturnType<typeof createLedger>, userId: string) =>
    ledger.record({
      model: "acme:flat",
      usage: { inputTokens: 1, outputTokens: 0 },
      context: { userId },
    });

  it("a write failing three times while others succeed is retried, not dropped", async () => {
    vi.useFakeTimers();
    let failuresLeft = 3;
    const { store } = switchedStore((method, records) => {
      const first = (records as { context: { userId?: string } }[])[0];
      if (method === "append" && first?.context.userId === "flaky" && failuresLeft-- > 0) {
        throw new Error("read ECONNRESET");
      }
    });
    const dropped: unknown[] = [];
    const ledger = createLedger({ store, prices });
    ledger.on("dropped", (event) => dropped.push(event));
    await record(ledger, "flaky");
    for (const userId of ["a", "b", "c"]) await record(ledger, userId);
    await vi.advanceTimersByTimeAsync(30_000);
    const closing = ledger.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await closing).toEqual({ unwritten: [] });
    const rows = await ledger.report({ groupBy: ["userId"] });
    expect(rows.map((row) => row.group.userId).sort()).toEqual(["a", "b", "c", "flaky"]);
    expect(dropped).toEqual([]);
  });

  it("a write the store refuses for its content is dropped at once, loudly, without blocking others", async () => {
    const { store } = switchedStore((method, records) => {
      const first = (records as { context: { userId?: string } }[])[0];
      if (method === "append" && first?.context.userId === "bad") {
        throw new StoreInputError({ operation: "append", message: "cannot store this record" });
      }
    });
    const dropped: LedgerEvents["dropped"][] = [];
    const ledger = createLedger({ store, prices });
    ledger.on("dropped", (event) => dropped.push(event));
    const bad = await record(ledger, "bad");
    for (const userId of ["a", "b"]) await record(ledger, userId);
    await ledger.close();
    const rows = await ledger.report({ groupBy: ["userId"] });
    expect(rows.map((row) => row.group.userId).sort()).toEqual(["a", "b"]);
    expect(dropped).toEqual([
      {
        operation: "append",
        subject: bad.id,
        reason: "refused",
        error: expect.any(StoreInputError),
      },
    ]);
  });

  it("the buffer is bounded: past maxBufferedWrites the oldest write is dropped with an event naming it", async () => {
    const { store, set } = switchedStore();
    const dropped: LedgerEvents["dropped"][] = [];
    const ledger = createLedger({ store, prices, maxBufferedWrites: 2 });
    ledger.on("dropped", (event) => dropped.push(event));
    set("down");
    const first = await record(ledger, "a");
    await record(ledger, "b");
    await record(ledger, "c");
    expect(dropped).toEqual([{ operation: "append", subject: first.id, reason: "buffer-full" }]);
    set("up");
    await ledger.close();
    const rows = await ledger.report({ groupBy: ["userId"] });
    expect(rows.map((row) => row.group.userId).sort()).toEqual(["b", "c"]);
  });

  it("close() gives up after its timeout and reports what it could not write", async () => {
    vi.useFakeTimers();
    const { store, set } = switchedStore();
    const dropped: LedgerEvents["dropped"][] = [];
    const ledger = createLedger({ store, prices, closeTimeoutMs: 1_000 });
    ledger.on("dropped", (event) => dropped.push(event));
    set("down");
    const lost = await record(ledger, "a");
    let report: Awaited<ReturnType<typeof ledger.close>> | undefined;
    const closing = ledger.close().then((result) => {
      report = result;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(report).toBeUndefined();
    await vi.advanceTimersByTimeAsync(300);
    await closing;
    expect(report).toEqual({ unwritten: [{ operation: "append", subject: lost.id }] });
    expect(dropped).toEqual([{ operation: "append", subject: lost.id, reason: "close-timeout" }]);
  });
});
describe("a reserve its caller gave up on", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("holds nothing when it reaches the store after its release", async () => {
    vi.useFakeTimers();
    // The reserve sits 2 s on the wire: the caller times out at 500 ms and the ledger releases
    // the id, and that release reaches the store first.
    const { store } = switchedStore(async (method) => {
      if (method === "reserve") await new Promise((resolve) => setTimeout(resolve, 2_000));
    });
    const ledger = createLedger({ store, prices, budgets, storeTimeoutMs: 500 });
    const refused = expect(ledger.reserve(request)).rejects.toSatisfy(isUnavailable);
    await vi.advanceTimersByTimeAsync(5_000);
    await refused;
    const [status] = await ledger.status({ userId: "u" });
    expect(status).toMatchObject({ held: 0, spent: 0 });
  });
});
