import { describe, expect, it } from "vitest";
import { memoryStore } from "../store/memory-store.js";
import { brokenStore } from "./broken-store.js";
import { StoreConformanceError } from "./conformance-assert.js";
import type { ConformanceRunner } from "./conformance-types.js";
import { ATOMICITY_CASE_NAME } from "./reserve-conformance-cases.js";
import { runStoreConformance } from "./run-store-conformance.js";

runStoreConformance({ describe, it, expect }, () => memoryStore());

/** Registers the suite with a fake runner and returns its cases by name. */
function captureCases(
  makeStore: () => ReturnType<typeof brokenStore>,
  options?: { isolated?: boolean },
): Map<string, () => Promise<void>> {
  const cases = new Map<string, () => Promise<void>>();
  const runner: ConformanceRunner = {
    describe: (_name, body) => body(),
    it: (name, body) => cases.set(name, body),
  };
  runStoreConformance(runner, makeStore, options);
  return cases;
}

describe("conformance suite negative control", () => {
  it("fails the broken store (read → await → write) on the atomicity case, naming store and contract", async () => {
    const atomicity = captureCases(brokenStore).get(ATOMICITY_CASE_NAME);
    expect(atomicity).toBeDefined();
    const failure = await atomicity!().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreConformanceError);
    // All 200 reads see an empty bucket before any write, so all 200 are admitted.
    expect((failure as Error).message).toBe(
      "[tokenledger:conformance] [broken] reserve is not atomic: 200 concurrent reserves of 1 against a limit of 100 admitted 200, expected 100",
    );
  });

  it("the broken store still passes the sequential reserve cases (only atomicity catches it)", async () => {
    const cases = captureCases(brokenStore);
    await expect(
      cases.get("reserve over the limit is denied and consumes nothing")!(),
    ).resolves.toBeUndefined();
  });

  it("registers one case per contract and skips the isolation case for shared backends", () => {
    const all = captureCases(brokenStore);
    const shared = captureCases(brokenStore, { isolated: false });
    expect(all.size).toBe(32);
    expect(shared.size).toBe(31);
    expect(all.has("two stores from makeStore do not share state")).toBe(true);
    expect(shared.has("two stores from makeStore do not share state")).toBe(false);
  });
});
