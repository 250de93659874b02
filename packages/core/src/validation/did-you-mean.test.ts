import { describe, expect, it } from "vitest";
import { closestKey, didYouMean } from "./did-you-mean.js";

const ledgerKeys = ["store", "prices", "budgets", "failMode", "storeTimeoutMs", "holdTtlMs"];

describe("closestKey", () => {
  it.each([
    ["budgetz", "budgets"], // one substitution
    ["price", "prices"], // one deletion
    ["failmode", "failMode"], // case only
    ["holdTTLms", "holdTtlMs"],
    ["storeTimeout", "storeTimeoutMs"], // the start of a known key
    ["pricesUsd", "prices"], // a known key followed by more
  ])("%s → %s", (key, expected) => {
    expect(closestKey(key, ledgerKeys)).toBe(expected);
  });

  it("suggests nothing far from every known key", () => {
    expect(closestKey("tokenizer", ledgerKeys)).toBeUndefined();
    expect(closestKey("x", ["id", "usd"])).toBeUndefined();
  });

  it("allows one edit on short keys, two up to 8 characters, three beyond", () => {
    expect(closestKey("ud", ["usd"])).toBe("usd");
    expect(closestKey("u", ["usd"])).toBeUndefined(); // 2 edits on a 1-character key
    expect(closestKey("tabel", ["table"])).toBe("table"); // a swap is 2 edits
    expect(closestKey("maxRecrds1", ["maxRecords"])).toBe("maxRecords"); // 2 edits, 10 characters
  });
});

describe("didYouMean", () => {
  it("phrases one suggestion, several, or none", () => {
    expect(didYouMean(["budgetz"], ledgerKeys)).toBe('did you mean "budgets"?');
    expect(didYouMean(["budgetz", "xyzzy", "price"], ledgerKeys)).toBe(
      'did you mean "budgets" for "budgetz", "prices" for "price"?',
    );
    expect(didYouMean(["xyzzy"], ledgerKeys)).toBeUndefined();
  });
});
