import { describe, expect, it } from "vitest";
import { formatPath } from "./format-path.js";

describe("formatPath", () => {
  it("writes paths as JavaScript would", () => {
    expect(formatPath([])).toBe("");
    expect(formatPath(["budgets", 0, "limit", "usd"])).toBe("budgets[0].limit.usd");
    expect(formatPath([0, "id"])).toBe("[0].id");
    expect(formatPath(["cheaperModels", "openai:gpt-4o", 1])).toBe(
      'cheaperModels["openai:gpt-4o"][1]',
    );
    expect(formatPath(["$ok", "_fine", "not fine"])).toBe('$ok._fine["not fine"]');
  });
});
