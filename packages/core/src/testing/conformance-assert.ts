/** Prefix of every conformance failure message. */
export const CONFORMANCE_PREFIX = "[tokenledger:conformance]";

/** A broken store contract found by the conformance suite. */
export class StoreConformanceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreConformanceError";
  }
}

/** JSON with object keys sorted, so equal data prints (and compares) equal. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner && typeof inner === "object" && !Array.isArray(inner)) {
      return Object.fromEntries(
        Object.entries(inner as Record<string, unknown>).sort(([left], [right]) =>
          left < right ? -1 : left > right ? 1 : 0,
        ),
      );
    }
    return inner;
  });
}

/** Assertions that throw {@link StoreConformanceError} naming the store and the contract. */
export interface ConformanceAssert {
  /** Deep equality of plain data (key order ignored). */
  equal(actual: unknown, expected: unknown, contract: string): void;
  ok(condition: boolean, contract: string): void;
}

/** Builds assertions for one store. */
export function createConformanceAssert(storeName: string): ConformanceAssert {
  const fail = (message: string): never => {
    throw new StoreConformanceError(`${CONFORMANCE_PREFIX} [${storeName}] ${message}`);
  };
  return {
    equal(actual, expected, contract) {
      const actualText = stableStringify(actual);
      const expectedText = stableStringify(expected);
      if (actualText !== expectedText) {
        fail(`${contract}: expected ${expectedText}, got ${actualText}`);
      }
    },
    ok(condition, contract) {
      if (!condition) fail(contract);
    },
  };
}
