import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { createLedger } from "./create-ledger.js";

const hello = [{ role: "user", content: "Hello world" }];

describe("createLedger", () => {
  it("rejects bad options with a readable InvalidConfigError", () => {
    const attempts: [unknown, RegExp][] = [
      [{ failMode: "maybe" }, /failMode/],
      [{ storeTimeoutMs: -1 }, /storeTimeoutMs/],
      [{ store: {} }, /store: must be a store object/],
      [{ unknownModel: "ignore" }, /unknownModel/],
      [{ budgetz: [] }, /budgetz/],
      [
        { budgets: [{ id: "x", scope: "userId", window: "fortnight", limit: { usd: 1 } }] },
        /window/,
      ],
      [{ budgets: [{ id: "x", scope: "userId", window: "day", limit: {} }] }, /limit/],
    ];
    for (const [options, message] of attempts) {
      let caught: unknown;
      try {
        createLedger(options as never);
      } catch (error) {
        caught = error;
      }
      expect(InvalidConfigError.isInstance(caught), JSON.stringify(options)).toBe(true);
      expect((caught as Error).message).toMatch(message);
    }
  });

  it("estimates the prompt with the model's tokenizer and the worst-case output", async () => {
    const ledger = createLedger();
    const estimate = await ledger.estimate({
      model: "gpt-4o",
      provider: "openai.chat",
      messages: hello,
      maxOutputTokens: 100,
    });
    // o200k: 3 per message + "user" 1 + "Hello world" 2 + 3 priming = 9 input tokens.
    // gpt-4o: (9 × $2.50 + 100 × $10) per 1M = 1,022.5 µ$ = 1,022,500 nano-USD.
    expect(estimate).toEqual({
      inputTokens: 9,
      outputTokens: 100,
      costNanoUsd: 1_022_500,
      provider: "openai",
      model: "gpt-4o",
      priced: true,
    });
  });

  it("settles an aborted call from the text it produced, marked estimated", async () => {
    const ledger = createLedger();
    const reservation = await ledger.reserve({
      model: "gpt-4o",
      messages: hello,
      maxOutputTokens: 100,
    });
    const record = await reservation.settleFromText("Hello world");
    // 9 input (the estimate) + 2 output: (9 × 2.5 + 2 × 10) × 1,000 = 42,500 nano-USD
    expect(record).toMatchObject({
      usage: { inputTokens: 9, outputTokens: 2 },
      costNanoUsd: 42_500,
      estimated: true,
      status: "aborted",
    });
  });

  it("prices the model the provider says answered", async () => {
    const ledger = createLedger();
    const reservation = await ledger.reserve({
      model: "o3",
      provider: "openai.responses",
      estimate: { inputTokens: 1_000, outputTokens: 1_000 },
    });
    const record = await reservation.settle(
      { inputTokens: 1_000, outputTokens: 500, reasoningTokens: 400 },
      { responseModel: "o3-2025-04-16" },
    );
    // o3 since 2025-06-10: $2 in, $8 out → (1,000 × 2 + 500 × 8) × 1,000 = 6,000,000
    expect(record).toMatchObject({
      responseModel: "o3-2025-04-16",
      model: "o3",
      costNanoUsd: 6_000_000,
    });
  });

  it("rejects invalid usage at settle with InvalidUsageError, and the hold stays until released", async () => {
    const ledger = createLedger({
      budgets: [{ id: "g", scope: "global", window: "day", limit: { usd: 1 } }],
    });
    const reservation = await ledger.reserve({
      model: "gpt-4o",
      estimate: { inputTokens: 1, outputTokens: 1 },
    });
    await expect(
      reservation.settle({ inputTokens: 10, cacheReadTokens: 20, outputTokens: 0 }),
    ).rejects.toSatisfy((error: unknown) => InvalidUsageError.isInstance(error));
  });

  it("aligns calendar windows to the rule's time zone", async () => {
    const nowMs = Date.parse("2026-11-22T10:00:00Z"); // 02:00 in Los Angeles (PST, UTC−8)
    const ledger = createLedger({
      now: () => nowMs,
      budgets: [
        {
          id: "la-day",
          scope: "global",
          window: "day",
          timezone: "America/Los_Angeles",
          limit: { usd: 1 },
        },
        {
          id: "la-month",
          scope: "global",
          window: "month",
          timezone: "America/Los_Angeles",
          limit: { usd: 9 },
        },
      ],
    });
    const status = await ledger.status({});
    expect(status.map((row) => [row.ruleId, row.window, row.resetsAt?.toISOString()])).toEqual([
      ["la-day", "day:2026-11-22", "2026-11-23T08:00:00.000Z"], // local midnight
      ["la-month", "month:2026-11", "2026-12-01T08:00:00.000Z"], // a calendar month, not 30 days
    ]);
  });

  it("reports aggregated spend by any context key", async () => {
    const ledger = createLedger();
    await ledger.record({
      model: "gpt-4o",
      usage: { inputTokens: 1_000, outputTokens: 0 },
      context: { userId: "a" },
    });
    await ledger.record({
      model: "gpt-4o",
      usage: { inputTokens: 3_000, outputTokens: 0 },
      context: { userId: "a" },
    });
    await ledger.record({
      model: "gpt-4o",
      usage: { inputTokens: 1_000, outputTokens: 100 },
      context: { userId: "b" },
    });
    const rows = await ledger.report({ groupBy: ["userId"] });
    const byUser = Object.fromEntries(rows.map((row) => [row.group.userId, row.costNanoUsd]));
    // a: 4,000 × 2.5 × 1,000 = 10,000,000; b: (1,000 × 2.5 + 100 × 10) × 1,000 = 3,500,000
    expect(byUser).toEqual({ a: 10_000_000, b: 3_500_000 });
  });
});
