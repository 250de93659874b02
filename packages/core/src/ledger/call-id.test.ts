import { describe, expect, it } from "vitest";
import { nextCallId } from "./call-id.js";

describe("nextCallId", () => {
  it("is unique within a process and shares one random prefix", () => {
    const ids = Array.from({ length: 10_000 }, () => nextCallId());
    expect(new Set(ids).size).toBe(10_000);
    const prefixes = new Set(ids.map((id) => id.split("-")[0]));
    expect(prefixes.size).toBe(1);
    // 10 random bytes, two base-36 digits each (0–255 → "00"–"73").
    expect([...prefixes][0]).toMatch(/^[0-9a-z]{20}$/);
    expect(ids[1]).not.toBe(ids[0]);
  });
});
