import { memoryStore } from "@tokenledger/core";
import { describe, expect, it, vi } from "vitest";
import { flakyStore } from "./flaky-store.js";
import { slowStore } from "./slow-store.js";

const balances = { keys: [{ key: "k" }], nowMs: 0 };
const hold = {
  key: "k",
  limits: { tokens: 100 },
  amount: { nanoUsd: 0, tokens: 1, requests: 1 },
  enforce: true,
  expiresAtMs: null,
};

describe("fault wrappers", () => {
  it("flaky: every 3rd call fails with ECONNRESET, the request lost and then the reply lost", async () => {
    const store = memoryStore();
    const window = { active: true };
    const flaky = flakyStore(store, { everyNth: 3, window });
    const reserve = (id: string) => flaky.reserve({ id, holds: [hold], ttlMs: 60_000, nowMs: 0 });
    const outcomes = await Promise.allSettled(
      ["r1", "r2", "r3", "r4", "r5", "r6"].map((id) => reserve(id)),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "fulfilled",
      "fulfilled",
      "rejected",
    ]);
    expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ code: "ECONNRESET" });
    // r3's request was lost, r6's reply: 5 of the 6 holds of 1 token landed.
    const [balance] = await store.balances(balances);
    expect(balance?.held.tokens).toBe(5);
    expect(flaky).not.toHaveProperty("inProcess");
    window.active = false;
    await expect(reserve("r7")).resolves.toEqual({ admitted: true });
  });

  it("slow: calls wait their delay, in turn, only while the window is active", async () => {
    vi.useFakeTimers();
    try {
      const window = { active: true };
      const slow = slowStore(memoryStore(), { delaysMs: [300, 700], window });
      const answered: string[] = [];
      const first = slow.balances(balances).then(() => answered.push("first"));
      const second = slow.balances(balances).then(() => answered.push("second"));
      await vi.advanceTimersByTimeAsync(299);
      expect(answered).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(answered).toEqual(["first"]);
      await vi.advanceTimersByTimeAsync(399);
      expect(answered).toEqual(["first"]);
      await vi.advanceTimersByTimeAsync(1);
      await Promise.all([first, second]);
      expect(answered).toEqual(["first", "second"]);
      window.active = false;
      await slow.balances(balances); // no timer to advance: it answers at once
    } finally {
      vi.useRealTimers();
    }
  });
});
