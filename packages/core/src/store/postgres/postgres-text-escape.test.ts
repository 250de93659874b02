import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapePostgresText,
  postgresJson,
  unescapePostgresJson,
  unescapePostgresText,
} from "./postgres-text-escape.js";

const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const anyText = fc.string({ unit: codeUnit, maxLength: 40 });

describe("Postgres text escaping", () => {
  it("leaves ordinary text (emoji included) unchanged", () => {
    expect(escapePostgresText("user-42 é 😀")).toBe("user-42 é 😀");
  });

  it("escapes U+0000, lone surrogates and U+E000 to U+E000 + 4 hex digits", () => {
    expect(escapePostgresText("a\u0000b")).toBe("a\uE0000000b");
    expect(escapePostgresText("a\uD800")).toBe("a\uE000d800");
    expect(escapePostgresText("\uE000")).toBe("\uE000e000");
  });

  it("round-trips any UTF-16 string, and never outputs U+0000 or a lone surrogate", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapePostgresText(text);
        expect(escaped.includes("\u0000")).toBe(false);
        expect(escaped).not.toMatch(/[\uD800-\uDFFF]/u);
        expect(unescapePostgresText(escaped)).toBe(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it("round-trips JSON values, object keys included, and keeps a __proto__ key a key", () => {
    const value = JSON.parse('{"__proto__":"p","a\\u0000":["x\\ud800",1,null,{"k":"\\ue000"}]}');
    const back = unescapePostgresJson(JSON.parse(postgresJson(value)));
    expect(back).toEqual(value);
    expect(Object.keys(back)).toEqual(["__proto__", "a\u0000"]);
    expect(postgresJson({ plain: "text" })).toBe('{"plain":"text"}');
  });
});
