import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BudgetRule, CalendarWindowUnit } from "./budget-rule.js";
import { compileBudgetRules } from "./compile-budget-rules.js";

const HOUR_MS = 3_600_000;
const ms = (iso: string): number => Date.parse(iso);

function windowOf(unit: CalendarWindowUnit, nowIso: string | number, timezone = "UTC") {
  const rule: BudgetRule = {
    id: "r",
    scope: "global",
    window: unit,
    limit: { requests: 1 },
    timezone,
  };
  const [plan] = compileBudgetRules([rule]).bucketsFor({
    context: {},
    model: "m",
    provider: "p",
    now: typeof nowIso === "number" ? nowIso : ms(nowIso),
  }).plans;
  if (!plan) throw new Error("no plan");
  return { windowKey: plan.windowKey, windowStart: plan.windowStart, resetsAt: plan.resetsAt };
}

const iso = (window: {
  windowKey: string;
  windowStart: number | null;
  resetsAt: number | null;
}) => ({
  windowKey: window.windowKey,
  windowStart: new Date(window.windowStart ?? Number.NaN).toISOString(),
  resetsAt: new Date(window.resetsAt ?? Number.NaN).toISOString(),
});

describe("calendar windows in UTC", () => {
  // 2026-11-22 is a Sunday: 2026-01-01 is a Thursday and day 326 is 325 days later (325 mod 7 = 3).
  const now = "2026-11-22T13:05:30.250Z";

  it.each([
    ["minute", "minute:2026-11-22T13:05", "2026-11-22T13:05:00.000Z", "2026-11-22T13:06:00.000Z"],
    ["hour", "hour:2026-11-22T13", "2026-11-22T13:00:00.000Z", "2026-11-22T14:00:00.000Z"],
    ["day", "day:2026-11-22", "2026-11-22T00:00:00.000Z", "2026-11-23T00:00:00.000Z"],
    // ISO week: Monday 2026-11-16; its Thursday (day 323) → week floor(322 / 7) + 1 = 47.
    ["week", "week:2026-W47", "2026-11-16T00:00:00.000Z", "2026-11-23T00:00:00.000Z"],
    ["month", "month:2026-11", "2026-11-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z"],
  ] as const)("%s", (unit, windowKey, windowStart, resetsAt) => {
    expect(iso(windowOf(unit, now))).toEqual({ windowKey, windowStart, resetsAt });
  });

  it("keeps data an hour (a minute for minute windows) past the reset", () => {
    const rule: BudgetRule = { id: "r", scope: "global", window: "minute", limit: { requests: 1 } };
    const [plan] = compileBudgetRules([rule, { ...rule, id: "d", window: "day" }]).bucketsFor({
      context: {},
      model: "m",
      provider: "p",
      now: ms(now),
    }).plans;
    expect(plan?.expiresAtMs).toBe(ms("2026-11-22T13:06:00Z") + 60_000);
  });
});

describe("calendar windows in America/Los_Angeles", () => {
  const tz = "America/Los_Angeles";

  it("resets a day at local midnight (PST = UTC-8 in late November)", () => {
    // 13:05Z is 05:05 PST on the 22nd; local midnight is 08:00Z.
    expect(iso(windowOf("day", "2026-11-22T13:05:30Z", tz))).toEqual({
      windowKey: "day:2026-11-22",
      windowStart: "2026-11-22T08:00:00.000Z",
      resetsAt: "2026-11-23T08:00:00.000Z",
    });
    // 07:59:59Z is still 23:59:59 on the 21st locally.
    expect(windowOf("day", "2026-11-22T07:59:59Z", tz).windowKey).toBe("day:2026-11-21");
    expect(windowOf("day", "2026-11-22T08:00:00Z", tz).windowKey).toBe("day:2026-11-22");
  });

  it("has a 23-hour day on spring-forward (2026-03-08: 02:00 PST → 03:00 PDT)", () => {
    // Local midnight is PST (UTC-8) → 08:00Z; the next midnight is PDT (UTC-7) → 07:00Z.
    const window = windowOf("day", "2026-03-08T12:00:00Z", tz);
    expect(iso(window)).toEqual({
      windowKey: "day:2026-03-08",
      windowStart: "2026-03-08T08:00:00.000Z",
      resetsAt: "2026-03-09T07:00:00.000Z",
    });
    expect((window.resetsAt ?? 0) - (window.windowStart ?? 0)).toBe(23 * HOUR_MS);
  });

  it("has a 25-hour day on fall-back (2026-11-01: 02:00 PDT → 01:00 PST)", () => {
    const window = windowOf("day", "2026-11-01T20:00:00Z", tz);
    expect(iso(window)).toEqual({
      windowKey: "day:2026-11-01",
      windowStart: "2026-11-01T07:00:00.000Z",
      resetsAt: "2026-11-02T08:00:00.000Z",
    });
    expect((window.resetsAt ?? 0) - (window.windowStart ?? 0)).toBe(25 * HOUR_MS);
  });

  it("gives both passes of the repeated 01:00 hour one key", () => {
    // First 01:30 is PDT (08:30Z), second is PST (09:30Z); 02:00 PST is 10:00Z.
    expect(iso(windowOf("hour", "2026-11-01T08:30:00Z", tz))).toEqual({
      windowKey: "hour:2026-11-01T01",
      windowStart: "2026-11-01T08:00:00.000Z",
      resetsAt: "2026-11-01T10:00:00.000Z",
    });
    expect(iso(windowOf("hour", "2026-11-01T09:30:00Z", tz))).toEqual({
      windowKey: "hour:2026-11-01T01",
      windowStart: "2026-11-01T09:00:00.000Z",
      resetsAt: "2026-11-01T10:00:00.000Z",
    });
  });

  it("ends the hour before a skipped hour at the jump", () => {
    // 09:30Z is 01:30 PST; local 02:00 does not exist, the clocks jump to 03:00 PDT at 10:00Z.
    expect(iso(windowOf("hour", "2026-03-08T09:30:00Z", tz))).toEqual({
      windowKey: "hour:2026-03-08T01",
      windowStart: "2026-03-08T09:00:00.000Z",
      resetsAt: "2026-03-08T10:00:00.000Z",
    });
    expect(windowOf("hour", "2026-03-08T10:30:00Z", tz).windowKey).toBe("hour:2026-03-08T03");
  });

  it("runs a month from local midnight on the 1st (PDT) to local midnight on the next 1st (PST)", () => {
    expect(iso(windowOf("month", "2026-11-22T13:05:30Z", tz))).toEqual({
      windowKey: "month:2026-11",
      windowStart: "2026-11-01T07:00:00.000Z",
      resetsAt: "2026-12-01T08:00:00.000Z",
    });
  });

  it("uses UTC minutes (a repeated local minute would otherwise share a key)", () => {
    expect(windowOf("minute", "2026-11-01T09:30:10Z", tz).windowKey).toBe(
      "minute:2026-11-01T09:30",
    );
  });
});

describe("ISO weeks and calendar months", () => {
  it("puts Friday 2027-01-01 in week 53 of 2026 (2026 starts on a Thursday)", () => {
    // Thursday of that week is 2026-12-31, day 365 → floor(364 / 7) + 1 = 53.
    expect(iso(windowOf("week", "2027-01-01T12:00:00Z"))).toEqual({
      windowKey: "week:2026-W53",
      windowStart: "2026-12-28T00:00:00.000Z",
      resetsAt: "2027-01-04T00:00:00.000Z",
    });
  });

  it("puts Monday 2024-12-30 in week 1 of 2025 (2025-01-01 is a Wednesday)", () => {
    expect(iso(windowOf("week", "2024-12-30T00:00:00Z"))).toEqual({
      windowKey: "week:2025-W01",
      windowStart: "2024-12-30T00:00:00.000Z",
      resetsAt: "2025-01-06T00:00:00.000Z",
    });
    expect(windowOf("week", "2024-12-29T23:59:59.999Z").windowKey).toBe("week:2024-W52");
  });

  it("uses calendar months: February 2028 (leap year) has 29 days", () => {
    const window = windowOf("month", "2028-02-15T00:00:00Z");
    expect(iso(window)).toEqual({
      windowKey: "month:2028-02",
      windowStart: "2028-02-01T00:00:00.000Z",
      resetsAt: "2028-03-01T00:00:00.000Z",
    });
    expect((window.resetsAt ?? 0) - (window.windowStart ?? 0)).toBe(29 * 24 * HOUR_MS);
    expect(windowOf("day", "2028-02-29T23:59:59.999Z").windowKey).toBe("day:2028-02-29");
    expect(windowOf("month", "2028-03-01T00:00:00Z").windowKey).toBe("month:2028-03");
  });

  it("gives the same answers from one compiled rule whatever order instants come in (window cache)", () => {
    const rule: BudgetRule = {
      id: "r",
      scope: "global",
      window: "day",
      limit: { requests: 1 },
      timezone: "America/Los_Angeles",
    };
    const compiled = compileBudgetRules([rule]);
    const instants = [
      "2026-03-08T12:00:00Z",
      "2026-03-08T07:59:59Z",
      "2026-03-09T06:59:59Z",
      "2026-03-09T07:00:00Z",
      "2026-03-08T08:00:00Z",
    ];
    const keys = instants.map(
      (instant) =>
        compiled.bucketsFor({ context: {}, model: "m", provider: "p", now: ms(instant) }).plans[0]
          ?.windowKey,
    );
    expect(keys).toEqual([
      "day:2026-03-08",
      "day:2026-03-07",
      "day:2026-03-08",
      "day:2026-03-09",
      "day:2026-03-08",
    ]);
  });
});

describe("calendar window properties", () => {
  const zones = [
    "UTC",
    "America/Los_Angeles",
    "America/New_York",
    "Europe/London",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
  ];
  const units: CalendarWindowUnit[] = ["minute", "hour", "day", "week", "month"];

  it("windowStart ≤ now < resetsAt, and every instant of the window has the same key", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: ms("1971-01-01T00:00:00Z"), max: ms("2099-12-31T00:00:00Z") }),
        fc.constantFrom(...zones),
        fc.constantFrom(...units),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (now, zone, unit, fraction) => {
          const window = windowOf(unit, now, zone);
          const start = window.windowStart ?? Number.NaN;
          const end = window.resetsAt ?? Number.NaN;
          expect(start).toBeLessThanOrEqual(now);
          expect(now).toBeLessThan(end);
          const inside = Math.min(end - 1, start + Math.floor((end - start) * fraction));
          // Fresh compiles each time, so the window cache cannot make this pass trivially.
          expect(windowOf(unit, start, zone).windowKey).toBe(window.windowKey);
          expect(windowOf(unit, end - 1, zone).windowKey).toBe(window.windowKey);
          expect(windowOf(unit, inside, zone).windowKey).toBe(window.windowKey);
          expect(windowOf(unit, end, zone).windowKey).not.toBe(window.windowKey);
        },
      ),
      { numRuns: 300 },
    );
  });
});
