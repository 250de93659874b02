import { describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { resolveLedgerOptions } from "./ledger-options.js";

const messageOf = (options: unknown): string => {
  try {
    resolveLedgerOptions(options);
  } catch (error) {
    expect(InvalidConfigError.isInstance(error)).toBe(true);
    expect(((error as Error).cause as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(options)}`);
};

describe("resolveLedgerOptions", () => {
  it("applies defaults to absent options", () => {
    const resolved = resolveLedgerOptions(undefined);
    expect(resolved).toMatchObject({
      budgets: [],
      contextKeys: ["userId", "teamId", "feature", "tags"],
      missingScope: "warn",
      unknownModel: "auto",
      failMode: "open",
      storeTimeoutMs: 2000,
      holdTtlMs: 600_000,
      defaultMaxOutputTokens: 4096,
    });
    expect(resolved.now).toBe(Date.now);
    expect(resolveLedgerOptions({ budgets: [{}] }).failMode).toBe("closed");
  });

  it.each([
    [{ failMode: "maybe" }, 'failMode: must be one of "closed", "open", got "maybe"'],
    [
      { storeTimeoutMs: 0 },
      "storeTimeoutMs: must be a whole number ≥ 1 and ≤ 2,147,483,647, got 0",
    ],
    // 2^31 ms would overflow setTimeout and fire after 1 ms: a timeout of nothing.
    [
      { storeTimeoutMs: 2 ** 31 },
      "storeTimeoutMs: must be a whole number ≥ 1 and ≤ 2,147,483,647, got 2147483648",
    ],
    [{ holdTtlMs: 999 }, "holdTtlMs: must be a whole number ≥ 1000 and ≤ 2,147,483,647, got 999"],
    [
      { defaultMaxOutputTokens: 1.5 },
      "defaultMaxOutputTokens: must be a whole number ≥ 0 and ≤ 1,000,000,000, got 1.5",
    ],
    [{ maxBufferedWrites: 0 }, "maxBufferedWrites: must be a whole number ≥ 1"],
    [
      { missingScope: "ignore" },
      'missingScope: must be one of "deny", "warn", "skip", got "ignore"',
    ],
    [
      { contextKeys: ["global"] },
      'contextKeys[0]: context keys must be non-empty and not "global"',
    ],
    [{ prices: [] }, "prices: must be an object mapping keys to values, got an array"],
    [{ now: 5 }, "now: must be a function returning epoch milliseconds"],
    [
      { budgetz: [] },
      '(options): unknown key "budgetz" (did you mean "budgets"? known keys: store,',
    ],
    [7, "(options): must be an object, got 7"],
  ])("%j → %s", (options, expected) => {
    expect(messageOf(options)).toContain(`Invalid createLedger options: ${expected}`);
  });

  it("names every bad option at once", () => {
    expect(messageOf({ failMode: "x", now: 5 })).toBe(
      'Invalid createLedger options: failMode: must be one of "closed", "open", got "x"; now: must be a function returning epoch milliseconds.',
    );
  });
});
