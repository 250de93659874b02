import { describe, expect, it, vi } from "vitest";
import { createLedger } from "./create-ledger.js";
import type { LedgerEvents } from "./types.js";

const prices = { "acme:flat": { inputMtok: 5_000, outputMtok: 0 } }; // $0.005 per input token

describe("events", () => {
  it("fires each threshold once per window, and again in the next window", async () => {
    let nowMs = Date.parse("2026-11-22T12:00:00Z");
    const thresholds: LedgerEvents["threshold"][] = [];
    const ledger = createLedger({
      prices,
      now: () => nowMs,
      budgets: [
        { id: "user", scope: "userId", window: "day", limit: { usd: 0.1 }, thresholds: [0.5, 0.8] },
      ],
    });
    ledger.on("threshold", (event) => thresholds.push(event));
    const spend = (tokens: number) =>
      ledger.record({
        model: "acme:flat",
        usage: { inputTokens: tokens, outputTokens: 0 },
        context: { userId: "u" },
      });
    await spend(8); // $0.04: 40 %
    expect(thresholds).toHaveLength(0);
    await spend(2); // $0.05: 50 %
    await spend(1); // $0.055
    await spend(5); // $0.08: 80 %
    await spend(1);
    expect(thresholds.map((event) => event.threshold)).toEqual([0.5, 0.8]);
    expect(thresholds[0]).toMatchObject({
      ruleId: "user",
      scopeValue: "u",
      windowKey: "day:2026-11-22",
      limit: 100_000_000,
      spent: 50_000_000,
    });
    nowMs = Date.parse("2026-11-23T12:00:00Z");
    await spend(10);
    expect(thresholds.map((event) => `${event.windowKey}@${event.threshold}`)).toEqual([
      "day:2026-11-22@0.5",
      "day:2026-11-22@0.8",
      "day:2026-11-23@0.5",
    ]);
  });

  it("emits usage and denied, and a throwing listener never breaks a call", async () => {
    const seen: string[] = [];
    const ledger = createLedger({
      prices,
      budgets: [{ id: "user", scope: "userId", window: "day", limit: { usd: 0.01 } }],
      onEvent: (event) => {
        seen.push(event);
        throw new Error("listener bug");
      },
    });
    ledger.on("usage", () => {
      throw new Error("another listener bug");
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      await ledger.record({
        model: "acme:flat",
        usage: { inputTokens: 2, outputTokens: 0 },
        context: { userId: "u" },
      });
      await expect(
        ledger.reserve({
          model: "acme:flat",
          estimate: { inputTokens: 1, outputTokens: 0 },
          context: { userId: "u" },
        }),
      ).rejects.toMatchObject({ code: "BUDGET_EXCEEDED" });
      expect(logged.mock.calls.map((call) => (call[1] as Error).message)).toContain(
        "another listener bug",
      );
    } finally {
      logged.mockRestore();
    }
    expect(seen).toEqual(["usage", "denied"]);
  });
});

describe("thresholds on rolling windows", () => {
  it("fire again once the window has moved on", async () => {
    let nowMs = Date.parse("2026-11-22T12:00:00Z");
    const fired: number[] = [];
    const ledger = createLedger({
      prices,
      now: () => nowMs,
      budgets: [
        {
          id: "burst",
          scope: "global",
          window: { rollingMs: 60_000 },
          limit: { usd: 0.01 },
          thresholds: [0.5],
        },
      ],
    });
    ledger.on("threshold", () => fired.push(nowMs));
    const spend = () =>
      ledger.record({ model: "acme:flat", usage: { inputTokens: 1, outputTokens: 0 } }); // $0.005 = 50 %
    for (let hour = 0; hour < 3; hour++) {
      await spend();
      await spend();
      nowMs += 3_600_000;
    }
    expect(fired).toHaveLength(3);
  });
});
