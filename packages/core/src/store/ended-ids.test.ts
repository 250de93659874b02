import { describe, expect, it } from "vitest";
import { EndedIds, type Ending } from "./ended-ids.js";

const SETTLED: Ending = { state: "settled", outcome: { admitted: true } };

describe("EndedIds", () => {
  it("remembers each id until its instant, and forgets due ids on a sweep", () => {
    const ids = new EndedIds(10);
    ids.add("a", SETTLED, 100);
    ids.add("b", SETTLED, 200);
    expect(ids.get("a", 99)).toBeDefined();
    ids.sweep(150);
    expect(ids.size).toBe(1);
    expect(ids.get("a", 99)).toBeUndefined();
    expect(ids.get("b", 199)).toBeDefined();
    expect(ids.get("b", 200)).toBeUndefined(); // due: forgotten on lookup too
    expect(ids.size).toBe(0);
  });

  it("keeps at most maxIds, forgetting the oldest first", () => {
    const ids = new EndedIds(2);
    for (const [index, id] of ["a", "b", "c", "d"].entries()) ids.add(id, SETTLED, 1_000 + index);
    expect(ids.size).toBe(2);
    expect(["a", "b", "c", "d"].filter((id) => ids.get(id, 0) !== undefined)).toEqual(["c", "d"]);
  });

  it("does not let a stale queue entry forget an id that ended again", () => {
    const ids = new EndedIds(10);
    ids.add("a", SETTLED, 100);
    expect(ids.get("a", 100)).toBeUndefined(); // forgotten at 100 (its queue entry stays)
    ids.add("a", SETTLED, 300);
    ids.sweep(150); // reaches the stale entry of "a" (due at 100): the new one stays
    expect(ids.get("a", 299)).toBeDefined();
  });

  it("remembers how each id ended", () => {
    const ids = new EndedIds(10);
    const tombstone: Ending = { state: "released", outcome: { admitted: false, released: true } };
    ids.add("settled", SETTLED, 100);
    ids.add("released", tombstone, 100);
    expect(ids.get("settled", 0)).toMatchObject(SETTLED);
    expect(ids.get("released", 0)).toMatchObject(tombstone);
  });

  it("stays correct across the compaction of its queue", () => {
    const ids = new EndedIds(100);
    for (let index = 0; index < 5_000; index += 1) ids.add(`id-${index}`, SETTLED, index);
    expect(ids.size).toBe(100);
    expect(ids.get("id-4899", 0)).toBeUndefined();
    expect(ids.get("id-4900", 0)).toBeDefined();
    ids.sweep(4_950); // ids due at ≤ 4,950 go: 4,951–4,999 stay
    expect(ids.size).toBe(49);
    expect(ids.get("id-4951", 0)).toBeDefined();
  });
});
