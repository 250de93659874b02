import { describe, expect, it } from "vitest";
import { compileMatchRule } from "./match-rule.js";
import { modelIdVariants } from "./model-resolver.js";

describe("compileMatchRule", () => {
  it("compares case-insensitively, regex included", () => {
    const matches = compileMatchRule({
      or: [{ equals: "GLM-5" }, { regex: "^gpt-5\\.6-sol-\\d{4}-\\d{2}-\\d{2}$" }],
    });
    expect(matches("glm-5")).toBe(true);
    expect(matches("gpt-5.6-sol-2026-07-30")).toBe(true);
    expect(matches("glm-5.1")).toBe(false);
  });

  it("combines and/or/startsWith/endsWith/contains", () => {
    const matches = compileMatchRule({
      and: [{ startsWith: "claude" }, { contains: "sonnet" }, { endsWith: "-v1:0" }],
    });
    expect(matches("claude-3-5-sonnet-v1:0")).toBe(true);
    expect(matches("claude-3-5-haiku-v1:0")).toBe(false);
  });
});

describe("modelIdVariants", () => {
  it("drops a models/ prefix and snapshot dates", () => {
    expect(modelIdVariants("models/gemini-2.5-flash")).toEqual(["gemini-2.5-flash"]);
    expect(modelIdVariants("gpt-4o-20240806")).toEqual(["gpt-4o-2024-08-06", "gpt-4o"]);
    expect(modelIdVariants("gpt-4o-2024-06-01")).toEqual(["gpt-4o"]);
    expect(modelIdVariants("claude-sonnet-4@20250514")).toEqual(["claude-sonnet-4"]);
    expect(modelIdVariants("gpt-4o")).toEqual([]);
  });
});
