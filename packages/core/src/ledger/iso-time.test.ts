import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoTime } from "./iso-time.js";

describe("isoTime", () => {
  it("formats like Date#toISOString, also for consecutive times in one minute", () => {
    // 2025-11-22T12:34:05.007Z = Date.UTC(2025, 10, 22, 12, 34, 5, 7)
    const base = Date.UTC(2025, 10, 22, 12, 34, 5, 7);
    expect(isoTime(base)).toBe("2025-11-22T12:34:05.007Z");
    expect(isoTime(base + 40)).toBe("2025-11-22T12:34:05.047Z");
    expect(isoTime(base + 54_993)).toBe("2025-11-22T12:35:00.000Z");
    expect(isoTime(base - 5_007)).toBe("2025-11-22T12:34:00.000Z");
    expect(isoTime(base - 5_008)).toBe("2025-11-22T12:33:59.999Z");
  });

  it("matches toISOString for any time, in any order", () => {
    const time = fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(time, fc.integer({ min: 0, max: 120_000 })), { minLength: 1 }),
        (times) => {
          let previous = 1_763_800_000_000;
          for (const value of times) {
            // Small values are steps from the previous time (same or next minute); large are absolute.
            const timeMs = value <= 120_000 ? previous + value : value;
            expect(isoTime(timeMs)).toBe(new Date(timeMs).toISOString());
            previous = timeMs;
          }
        },
      ),
    );
  });
});
