import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recordTimeMs } from "./record-time-ms.js";

describe("recordTimeMs", () => {
  it("reads ISO times of the same minute and of other minutes", () => {
    // 2026-11-22T12:00:00.000Z = 1795348800000 ms (20,779 days × 86,400,000 + 12 h).
    expect(recordTimeMs("2026-11-22T12:00:00.000Z")).toBe(1_795_348_800_000);
    expect(recordTimeMs("2026-11-22T12:00:59.999Z")).toBe(1_795_348_800_000 + 59_999);
    expect(recordTimeMs("2026-11-22T12:01:00.005Z")).toBe(1_795_348_800_000 + 60_005);
    expect(recordTimeMs("2026-11-22T12:01:07.5Z")).toBe(1_795_348_800_000 + 67_500);
    expect(recordTimeMs("2026-11-22T12:01:xx.000Z")).toBeNaN();
    expect(recordTimeMs("not a time")).toBeNaN();
  });

  it("equals Date.parse on ISO times in any order, mixed with odd strings (property)", () => {
    const iso = fc
      .integer({ min: 0, max: 4_102_444_800_000 })
      .map((ms) => new Date(ms).toISOString());
    const nearby = fc
      .integer({ min: 0, max: 180_000 })
      .map((offset) => new Date(1_795_348_800_000 + offset).toISOString());
    const odd = fc.oneof(
      fc.string(),
      nearby.map((time) => `${time.slice(0, 17)}6${time.slice(18)}`),
      nearby.map((time) => time.replace(".", ",")),
      nearby.map((time) => time.replace("Z", "+01:00")),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(iso, nearby, odd), { maxLength: 30 }), (times) => {
        for (const time of times) expect(recordTimeMs(time)).toEqual(Date.parse(time));
      }),
    );
  });
});
