import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactJson } from "./compact-json.js";
import { deepJson } from "./deep-json.js";

function replaceBinary(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return "[binary]";
  return value;
}

/** `depth` objects `{"a":…}` around `1`, built without recursion. */
function nestedObject(depth: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
}

describe("deepJson", () => {
  it("writes the same text as JSON.stringify for any value JSON.stringify can write", () => {
    const values = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withSparseArray: true,
      withTypedArray: true,
      withObjectString: true,
    });
    fc.assert(
      fc.property(values, (value) => {
        expect(deepJson(value)).toBe(JSON.stringify(value, replaceBinary) ?? "");
      }),
      { numRuns: 500 },
    );
  });

  it("writes values nested 100,000 levels deep", () => {
    const depth = 100_000;
    expect(deepJson(nestedObject(depth))).toBe(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
    let array: unknown = [];
    for (let level = 0; level < depth; level++) array = [array, null];
    expect(deepJson(array)).toBe(`${"[".repeat(depth)}[]${",null]".repeat(depth)}`);
  });

  it("writes a cycle as a placeholder and a shared value twice", () => {
    const shared = { id: 1 };
    const cyclic: Record<string, unknown> = { left: shared, right: shared };
    cyclic.self = cyclic;
    expect(deepJson(cyclic)).toBe('{"left":{"id":1},"right":{"id":1},"self":"[circular]"}');
  });
});

describe("compactJson", () => {
  it("falls back to deepJson past JSON.stringify's depth", () => {
    const depth = 10_000;
    expect(compactJson(nestedObject(depth))).toBe(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);
  });
});
