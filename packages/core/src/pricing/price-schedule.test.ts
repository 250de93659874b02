import { describe, expect, it } from "vitest";
import { compilePriceSchedule, parseTimeOfDay, selectScheduledPrice } from "./price-schedule.js";

describe("parseTimeOfDay", () => {
  it.each([
    ["00:30:00Z", 1_800],
    ["16:30:00Z", 59_400],
    ["08:30:00+08:00", 1_800],
    ["23:00:00-02:00", 3_600],
    ["12:00:00.5Z", 43_200.5],
  ])("%s → %d UTC seconds of the day", (text, seconds) => {
    expect(parseTimeOfDay(text)).toBe(seconds);
  });

  it("refuses a time without a zone", () => {
    expect(() => parseTimeOfDay("12:00:00")).toThrow(/Invalid time of day/);
  });
});

describe("selectScheduledPrice", () => {
  const history = compilePriceSchedule([
    { prices: { input: 10 } },
    { startDate: "2025-06-10", prices: { input: 2 } },
    { startDate: "2026-01-01", prices: { input: 1 } },
  ]);

  it("takes the last entry in effect, else the first", () => {
    expect(selectScheduledPrice(history, Date.parse("2025-01-01T00:00:00Z")).charges.input).toBe(
      10,
    );
    expect(selectScheduledPrice(history, Date.parse("2025-06-10T00:00:00Z")).charges.input).toBe(2);
    expect(selectScheduledPrice(history, Date.parse("2027-01-01T00:00:00Z")).charges.input).toBe(1);
  });

  it("handles daily windows that wrap midnight", () => {
    const night = compilePriceSchedule([
      { prices: { input: 10 } },
      { startTime: "22:00:00Z", endTime: "06:00:00Z", prices: { input: 5 } },
    ]);
    expect(selectScheduledPrice(night, Date.parse("2026-01-01T23:00:00Z")).charges.input).toBe(5);
    expect(selectScheduledPrice(night, Date.parse("2026-01-01T05:59:59Z")).charges.input).toBe(5);
    expect(selectScheduledPrice(night, Date.parse("2026-01-01T06:00:00Z")).charges.input).toBe(10);
  });

  it("settles fallbacks: cache prices default to input, 1h writes to 5m writes", () => {
    const [entry] = compilePriceSchedule({ input: 3, cacheWrite: 4 }).entries;
    expect(entry?.charges).toMatchObject({
      input: 3,
      cacheRead: 3,
      cacheWrite: 4,
      cacheWrite1h: 4,
      output: 0,
    });
  });
});
