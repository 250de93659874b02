import { describe, expect, it } from "vitest";
import { arrayOf } from "./array-of.js";
import { anyValue, custom } from "./custom.js";
import { oneOf } from "./one-of.js";
import { optional } from "./optional.js";
import { recordOf } from "./record-of.js";
import { refine } from "./refine.js";
import { string } from "./string.js";
import { validate } from "./validate.js";
import { ValidationError } from "./validation-error.js";

describe("validate", () => {
  it("returns the checked value, or a ValidationError listing every issue", () => {
    const names = arrayOf(string());
    expect(validate(names, ["a", "b"])).toEqual({ ok: true, value: ["a", "b"] });
    const result = validate(names, ["a", 1, null]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error.name).toBe("ValidationError");
    expect(result.error.issues.map((issue) => issue.path)).toEqual([[1], [2]]);
    expect(result.error.message).toBe(
      "[1]: must be a string, got 1; [2]: must be a string, got null",
    );
  });
});

describe("checks", () => {
  const failure = (check: Parameters<typeof validate>[0], value: unknown): string | undefined => {
    const result = validate(check, value);
    return result.ok ? undefined : result.error.message;
  };

  it("oneOf lists the allowed values and the rejected one", () => {
    expect(failure(oneOf(["closed", "open"]), "maybe")).toBe(
      '(value): must be one of "closed", "open", got "maybe"',
    );
    expect(validate(oneOf(["closed", "open"]), "open")).toEqual({ ok: true, value: "open" });
  });

  it("optional lets undefined through and nothing else", () => {
    expect(validate(optional(string()), undefined)).toEqual({ ok: true, value: undefined });
    expect(failure(optional(string()), null)).toBe("(value): must be a string, got null");
  });

  it("refine tests its condition only on values the base check accepted", () => {
    let calls = 0;
    const nonEmpty = refine(
      string(),
      (text) => {
        calls += 1;
        return text !== "";
      },
      "must not be empty",
    );
    expect(failure(nonEmpty, 5)).toBe("(value): must be a string, got 5");
    expect(calls).toBe(0);
    expect(failure(nonEmpty, "")).toBe("(value): must not be empty");
    expect(validate(nonEmpty, "x")).toEqual({ ok: true, value: "x" });
    expect(calls).toBe(2);
  });

  it("recordOf checks every value under its key and copies own keys only", () => {
    expect(failure(recordOf(arrayOf(string())), { a: ["x"], "b:c": "y" })).toBe(
      '["b:c"]: must be an array, got "y"',
    );
    expect(failure(recordOf(anyValue), [])).toBe(
      "(value): must be an object mapping keys to values, got an array",
    );
    const input = JSON.parse('{"__proto__": 1, "a": 2}') as unknown;
    const result = validate(recordOf(anyValue), input);
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(result.ok && Object.entries(result.value)).toEqual([
      ["__proto__", 1],
      ["a", 2],
    ]);
  });

  it("custom vouches for a type with its own predicate and message", () => {
    const isFunction = custom<() => number>(
      (value) => typeof value === "function",
      (value) => `must be a function, got ${typeof value}`,
    );
    const now = (): number => 1;
    expect(validate(isFunction, now)).toEqual({ ok: true, value: now });
    expect(failure(isFunction, 5)).toBe("(value): must be a function, got number");
  });
});
