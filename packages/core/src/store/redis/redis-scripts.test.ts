import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BALANCES_SCRIPT,
  CLAIM_SCRIPT,
  RELEASE_SCRIPT,
  RESERVE_SCRIPT,
  SETTLE_SCRIPT,
} from "./redis-budget-scripts.js";
import { encodeKeyPart, MAX_KEY_PART_LENGTH } from "./redis-keys.js";
import { AGGREGATE_READ_SCRIPT, APPEND_SCRIPT, QUERY_SCRIPT } from "./redis-ledger-scripts.js";

const scripts = [
  RESERVE_SCRIPT,
  SETTLE_SCRIPT,
  RELEASE_SCRIPT,
  BALANCES_SCRIPT,
  CLAIM_SCRIPT,
  APPEND_SCRIPT,
  QUERY_SCRIPT,
  AGGREGATE_READ_SCRIPT,
];

describe("Redis Lua scripts", () => {
  it.each(scripts.map((script) => [script.name, script] as const))(
    "%s: the pinned SHA-1 is the SHA-1 of the script text",
    (_name, script) => {
      const sha1 = createHash("sha1").update(script.source, "utf8").digest("hex");
      expect(script.sha1).toBe(sha1);
    },
  );

  it("counts in integers only: no INCRBYFLOAT / HINCRBYFLOAT, no tostring of numbers", () => {
    for (const script of scripts) {
      expect(script.source).not.toMatch(/INCRBYFLOAT/i);
      expect(script.source).not.toMatch(/tostring\(/);
    }
  });
});

describe("encodeKeyPart", () => {
  it("keeps plain ids readable and percent-encodes everything else, % included", () => {
    expect(encodeKeyPart("user-42")).toBe("user-42");
    expect(encodeKeyPart("rule|userId=a|day:2031-03-14")).toBe("rule|userId=a|day:2031-03-14");
    expect(encodeKeyPart("{tag}")).toBe("%7Btag%7D");
    expect(encodeKeyPart("a\nb c")).toBe("a%0Ab%20c");
    expect(encodeKeyPart("%7B")).toBe("%257B");
    expect(encodeKeyPart("é")).toBe("%C3%A9"); // U+00E9 is C3 A9 in UTF-8
    expect(encodeKeyPart("")).toBe("");
  });

  it("hashes parts longer than 200 characters (after encoding) to # + SHA-256", () => {
    const long = "x".repeat(201);
    expect(encodeKeyPart(long)).toBe(`#${createHash("sha256").update(long).digest("hex")}`);
    expect(encodeKeyPart("x".repeat(200))).toBe("x".repeat(200));
    // 67 braces encode to 67 × 3 = 201 characters: hashed too.
    expect(encodeKeyPart("{".repeat(67)).startsWith("#")).toBe(true);
  });

  it("never emits braces, whitespace or control characters, and stays short", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (value) => {
        const encoded = encodeKeyPart(value);
        expect(encoded).toMatch(/^(#!?[0-9a-f]{64}|[A-Za-z0-9\-._~:|=@+,%]*)$/);
        expect(encoded.length).toBeLessThanOrEqual(Math.max(MAX_KEY_PART_LENGTH, 66));
      }),
    );
  });

  it("is injective: different ids never share a key", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 300 }),
        fc.string({ unit: "binary", maxLength: 300 }),
        (left, right) => {
          fc.pre(left !== right);
          expect(encodeKeyPart(left)).not.toBe(encodeKeyPart(right));
        },
      ),
    );
    const tricky = ["a{b", "a%7Bb", "a%257Bb", "a:b", "a\nb", "a%0Ab", "#abc", "%23abc"];
    expect(new Set(tricky.map(encodeKeyPart)).size).toBe(tricky.length);
  });

  it("keeps lone surrogates apart (UTF-8 would turn each into the bytes of U+FFFD)", () => {
    const values = ["a\uD800", "a\uDBFF", "a\uDC00", "a\uFFFD", "a%uD800", "a\u0000", "a"];
    expect(new Set(values.map(encodeKeyPart)).size).toBe(values.length);
    expect(encodeKeyPart("a\uD800")).toBe("a%uD800");
    const long = (tail: string) => encodeKeyPart("x".repeat(300) + tail);
    expect(long("\uD800")).not.toBe(long("\uDBFF"));
    expect(long("\uD800").startsWith("#!")).toBe(true);
    const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
    fc.assert(
      fc.property(
        fc.string({ unit: codeUnit, maxLength: 120 }),
        fc.string({ unit: codeUnit, maxLength: 120 }),
        (left, right) => {
          fc.pre(left !== right);
          expect(encodeKeyPart(left)).not.toBe(encodeKeyPart(right));
        },
      ),
    );
  });
});
