import { afterEach, describe, expect, it } from "vitest";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { LedgerContext } from "../ledger/types.js";
import type { BudgetRule } from "./budget-rule.js";
import { compileBudgetRules } from "./compile-budget-rules.js";

const HOUR_MS = 3_600_000;
const ms = (iso: string): number => Date.parse(iso);

const dayRule: BudgetRule = { id: "user-daily", scope: "userId", window: "day", limit: { usd: 5 } };

function plansFor(
  rules: BudgetRule[],
  call: { context?: LedgerContext; model?: string; provider?: string; now?: number } = {},
) {
  return compileBudgetRules(rules).bucketsFor({
    context: call.context ?? {},
    model: call.model ?? "gpt-4o",
    provider: call.provider ?? "openai",
    now: call.now ?? ms("2026-11-22T13:05:30Z"),
  }).plans;
}

function compileError(rules: unknown): InvalidConfigError {
  try {
    compileBudgetRules(rules);
  } catch (error) {
    if (InvalidConfigError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected compileBudgetRules to throw");
}

describe("compileBudgetRules → bucketsFor", () => {
  it("builds a full plan for a user-scoped daily USD rule", () => {
    expect(plansFor([dayRule], { context: { userId: "u1" } })).toEqual([
      {
        ruleId: "user-daily",
        scope: "userId",
        scopeValue: "u1",
        key: "user-daily|userId=u1|day:2026-11-22",
        windowKey: "day:2026-11-22",
        limits: { nanoUsd: 5 * 1_000_000_000 },
        mode: "block",
        thresholds: [],
        windowStart: ms("2026-11-22T00:00:00Z"),
        resetsAt: ms("2026-11-23T00:00:00Z"),
        expiresAtMs: ms("2026-11-23T00:00:00Z") + HOUR_MS,
      },
    ]);
  });

  it("converts every limit kind once (USD to integer nano-USD) and sorts, dedupes thresholds", () => {
    const [plan] = plansFor([
      {
        id: "g",
        scope: "global",
        window: "total",
        limit: { usd: 0.1, tokens: 1_000, requests: 3 },
        mode: "warn",
        thresholds: [1, 0.5, 0.8, 0.5],
      },
    ]);
    expect(plan).toMatchObject({
      key: "g|global|total",
      scopeValue: "global",
      limits: { nanoUsd: 100_000_000, tokens: 1_000, requests: 3 },
      mode: "warn",
      thresholds: [0.5, 0.8, 1],
      windowStart: null,
      resetsAt: null,
      expiresAtMs: null,
    });
  });

  it("applies a scoped rule only when the context has that key (non-empty)", () => {
    expect(plansFor([dayRule], { context: {} })).toEqual([]);
    expect(plansFor([dayRule], { context: { userId: "" } })).toEqual([]);
    expect(plansFor([dayRule], { context: { teamId: "t1" } })).toEqual([]);
    expect(plansFor([dayRule], { context: { userId: "u1" } })).toHaveLength(1);
  });

  it("gives one bucket per distinct entry of a list-valued scope key (tags)", () => {
    const rule: BudgetRule = {
      id: "per-tag",
      scope: "tags",
      window: "month",
      limit: { requests: 10 },
    };
    const keys = plansFor([rule], { context: { tags: ["a", "b", "a", ""] } }).map(
      (plan) => plan.key,
    );
    expect(keys).toEqual(["per-tag|tags=a|month:2026-11", "per-tag|tags=b|month:2026-11"]);
  });

  it("plans every matching rule: global, user and team at once", () => {
    const rules: BudgetRule[] = [
      { id: "all", scope: "global", window: "month", limit: { usd: 100 } },
      dayRule,
      { id: "team", scope: "teamId", window: "week", limit: { tokens: 1_000_000 } },
    ];
    const keys = plansFor(rules, { context: { userId: "u1", teamId: "t9" } }).map(
      (plan) => plan.key,
    );
    expect(keys).toEqual([
      "all|global|month:2026-11",
      "user-daily|userId=u1|day:2026-11-22",
      "team|teamId=t9|week:2026-W47",
    ]);
  });

  it("encodes scope values so |, =, :, newlines and braces cannot collide or break out", () => {
    const [plan] = plansFor([dayRule], { context: { userId: "a|b=c:\n{x}" } });
    expect(plan?.key).toBe("user-daily|userId=a%7Cb%3Dc%3A%0A%7Bx%7D|day:2026-11-22");
    const [sneaky] = plansFor([dayRule], { context: { userId: "u1|day:2026-11-22" } });
    const [plain] = plansFor([dayRule], { context: { userId: "u1" } });
    expect(sneaky?.key).not.toBe(plain?.key);
    const [oddId] = plansFor([{ ...dayRule, id: "a|b" }], { context: { userId: "u" } });
    expect(oddId?.key).toBe("a%7Cb|userId=u|day:2026-11-22");
  });

  it("matches models and providers case-insensitively with a trailing * wildcard", () => {
    const rule: BudgetRule = {
      id: "gpt4o",
      scope: "global",
      window: "day",
      limit: { tokens: 10 },
      match: { models: ["GPT-4o*"], providers: ["OpenAI"] },
    };
    expect(plansFor([rule], { model: "gpt-4o-mini", provider: "openai" })).toHaveLength(1);
    expect(plansFor([rule], { model: "gpt-4o", provider: "OPENAI" })).toHaveLength(1);
    expect(plansFor([rule], { model: "gpt-4.1", provider: "openai" })).toHaveLength(0);
    expect(plansFor([rule], { model: "gpt-4o", provider: "azure" })).toHaveLength(0);
  });

  it("matches a provider:model pattern against the resolved pair", () => {
    const rule: BudgetRule = {
      id: "claude",
      scope: "global",
      window: "day",
      limit: { tokens: 10 },
      match: { models: ["anthropic:claude-*"] },
    };
    expect(plansFor([rule], { model: "claude-sonnet-4", provider: "anthropic" })).toHaveLength(1);
    expect(plansFor([rule], { model: "claude-sonnet-4", provider: "bedrock" })).toHaveLength(0);
  });

  it("ignores match when model and provider are omitted (status of a context)", () => {
    const rule: BudgetRule = {
      id: "gpt4o",
      scope: "userId",
      window: "day",
      limit: { tokens: 10 },
      match: { models: ["gpt-4o"], providers: ["openai"] },
    };
    const { plans } = compileBudgetRules([rule, dayRule]).bucketsFor({
      context: { userId: "u1" },
      now: ms("2026-11-22T13:05:30Z"),
    });
    expect(plans.map((plan) => plan.key)).toEqual([
      "gpt4o|userId=u1|day:2026-11-22",
      "user-daily|userId=u1|day:2026-11-22",
    ]);
  });

  it("plans rolling windows from now, with the window length for the store", () => {
    const now = ms("2026-11-22T13:05:30Z");
    const [plan] = plansFor(
      [{ id: "burst", scope: "global", window: { rollingMs: 60_000 }, limit: { requests: 5 } }],
      { now },
    );
    expect(plan).toMatchObject({
      key: "burst|global|rolling:60000",
      windowStart: now - 60_000,
      resetsAt: now + 60_000,
      // grace = min(window, 1 h) = 60 s
      expiresAtMs: now + 60_000 + 60_000,
      rollingWindowMs: 60_000,
    });
  });

  it("reports whether any rule limits USD", () => {
    expect(compileBudgetRules([dayRule]).hasUsdLimits).toBe(true);
    expect(
      compileBudgetRules([{ id: "t", scope: "global", window: "day", limit: { tokens: 1 } }])
        .hasUsdLimits,
    ).toBe(false);
    expect(compileBudgetRules([]).hasUsdLimits).toBe(false);
  });
});

describe("compileBudgetRules validation", () => {
  const base = { id: "r", scope: "global", window: "day", limit: { usd: 1 } };

  it.each([
    ["not an array", { id: "r" }, "budgets must be an array of rules"],
    [
      "no limit",
      [{ ...base, limit: {} }],
      'budgets[0] ("r").limit: limit needs at least one of usd, tokens, requests',
    ],
    [
      "negative usd",
      [{ ...base, limit: { usd: -1 } }],
      'budgets[0] ("r").limit.usd: usd must be a positive finite number',
    ],
    [
      "zero requests",
      [{ ...base, limit: { requests: 0 } }],
      "requests must be a positive finite number",
    ],
    [
      "fractional tokens",
      [{ ...base, limit: { tokens: 1.5 } }],
      'budgets[0] ("r").limit.tokens: tokens must be a whole number',
    ],
    [
      "infinite usd",
      [{ ...base, limit: { usd: Number.POSITIVE_INFINITY } }],
      'budgets[0] ("r").limit.usd: usd must be a positive finite number, got Infinity',
    ],
    [
      "usd as text",
      [{ ...base, limit: { usd: "5" } }],
      'usd must be a positive finite number, got "5"',
    ],
    [
      "bad timezone",
      [{ ...base, timezone: "Mars/Olympus" }],
      'budgets[0] ("r").timezone: timezone "Mars/Olympus" is not an IANA timezone; use e.g. "UTC" or "America/Los_Angeles"',
    ],
    [
      "threshold 0",
      [{ ...base, thresholds: [0.5, 0] }],
      'budgets[0] ("r").thresholds[1]: each threshold must be a fraction in (0, 1]',
    ],
    [
      "threshold 1.5",
      [{ ...base, thresholds: [1.5] }],
      "each threshold must be a fraction in (0, 1]",
    ],
    [
      "rolling below a second",
      [{ ...base, window: { rollingMs: 500 } }],
      "rollingMs must be at least 1000",
    ],
    [
      "unknown window",
      [{ ...base, window: "year" }],
      'budgets[0] ("r").window: window must be one of "minute", "hour", "day", "week", "month", "total" or { rollingMs: number }',
    ],
    ["bad mode", [{ ...base, mode: "soft" }], 'mode must be "block" or "warn"'],
    ["empty scope", [{ ...base, scope: "" }], 'scope must be "global" or a context key'],
    ["empty id", [{ ...base, id: "" }], "budgets[0].id: id must not be empty"],
    [
      "empty match list",
      [{ ...base, match: { models: [] } }],
      "match.models must list at least one pattern",
    ],
    [
      "misspelled key",
      [{ ...base, limits: { usd: 1 } }],
      'budgets[0] ("r"): unknown key "limits"; check the spelling: did you mean "limit"? (a rule has id, scope, window, limit, timezone, mode, thresholds, match)',
    ],
    [
      "misspelled limit key",
      [{ ...base, limit: { dollars: 1 } }],
      'budgets[0] ("r").limit: unknown key "dollars"; check the spelling (limit has usd, tokens, requests)',
    ],
    [
      "fractional rolling window",
      [{ ...base, window: { rollingMs: 1500.5 } }],
      'budgets[0] ("r").window.rollingMs: rollingMs must be a whole number of milliseconds',
    ],
    ["rule not an object", [5], "budgets[0]: each rule must be an object like {"],
    ["duplicate ids", [base, { ...base }], 'budgets[1] ("r").id: duplicate rule id "r"'],
  ])("%s → InvalidConfigError with a readable message", (_label, rules, expected) => {
    const error = compileError(rules);
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.message).toContain(expected);
    expect(error.message.startsWith("Invalid budget rules:\n")).toBe(true);
    expect((error.cause as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
  });

  it("lists every problem at once", () => {
    const error = compileError([
      { ...base, limit: {} },
      { ...base, id: "s", timezone: "Nope/Nope" },
    ]);
    expect(error.message).toContain('budgets[0] ("r").limit');
    expect(error.message).toContain('budgets[1] ("s").timezone');
  });
});

describe("compileBudgetRules shares time-zone work across rule sets", () => {
  const RealDateTimeFormat = Intl.DateTimeFormat;
  afterEach(() => {
    Intl.DateTimeFormat = RealDateTimeFormat;
  });

  it("builds a zone's formatters once per process, not once per ledger", () => {
    let built = 0;
    Intl.DateTimeFormat = class extends RealDateTimeFormat {
      constructor(...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        super(...args);
        built += 1;
      }
    } as typeof Intl.DateTimeFormat;
    // A zone no other test here uses, so the first compile below is the first in this process.
    const rule: BudgetRule = { ...dayRule, timezone: "Pacific/Chatham" };
    const first = plansFor([rule], { context: { userId: "u1" } });
    // One formatter to validate the zone, one for its clock.
    expect(built).toBe(2);
    const second = plansFor([rule], { context: { userId: "u1" } });
    expect(built).toBe(2);
    // 13:05:30 UTC is 02:50:30 on Nov 23 in Chatham (UTC+13:45): the same local day for both.
    expect(second[0]?.windowKey).toBe("day:2026-11-23");
    expect(second[0]?.key).toBe(first[0]?.key);
  });
});
