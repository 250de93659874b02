import { describe, expect, it } from "vitest";
import { EndedIds } from "./ended-ids.js";

describe("EndedIds", () => {
  it("remembers each id until its instant, and forgets due ids on a sweep", () => {
    const ids = new EndedIds(10);
    ids.add("a", 100);
    ids.add("b", 200);
    expect(ids.has("a", 99)).toBe(true);
    ids.sweep(150);
    expect(ids.size).toBe(1);
    expect(ids.has("a", 99)).toBe(false);
    expect(ids.has("b", 199)).toBe(true);
    expect(ids.has("b", 200)).toBe(false); // due: forgotten on lookup too
    expect(ids.size).toBe(0);
  });

  it("keeps at most maxIds, forgetting the oldest first", () => {
    const ids = new EndedIds(2);
    for (const [index, id] of ["a", "b", "c", "d"].entries()) ids.add(id, 1_000 + index);
    expect(ids.size).toBe(2);
    expect(["a", "b", "c", "d"].filter((id) => ids.has(id, 0))).toEqual(["c", "d"]);
  });

  it("does not let a stale queue entry forget an id that ended again", () => {
    const ids = new EndedIds(10);
    ids.add("a", 100);
    expect(ids.has("a", 100)).toBe(false); // forgotten at 100 (its queue entry stays)
    ids.add("a", 300);
    ids.sweep(150); // reaches the stale entry of "a" (due at 100): the new one stays
    expect(ids.has("a", 299)).toBe(true);
  });

  it("stays correct across the compaction of its queue", () => {
    const ids = new EndedIds(100);
    for (let index = 0; index < 5_000; index += 1) ids.add(`id-${index}`, index);
    expect(ids.size).toBe(100);
    expect(ids.has("id-4899", 0)).toBe(false);
    expect(ids.has("id-4900", 0)).toBe(true);
    ids.sweep(4_950); // ids due at ≤ 4,950 go: 4,951–4,999 stay
    expect(ids.size).toBe(49);
    expect(ids.has("id-4951", 0)).toBe(true);
  });
});
