import type { MatchRule } from "../../src/pricing/catalog-snapshot.js";
import { isObject, type ProblemSink } from "./problem-list.js";

/**
 * Converts a genai-prices v2 match clause (`equals`, `starts_with`, `ends_with`, `contains`,
 * `regex`, `or`, `and`) to the catalog's camelCase {@link MatchRule}; `undefined` when invalid
 * (the problem is recorded).
 */
export function convertMatchRule(
  raw: unknown,
  where: string,
  problems: ProblemSink,
): MatchRule | undefined {
  if (!isObject(raw) || Object.keys(raw).length !== 1) {
    problems.add(
      where,
      `a match clause must be an object with one key, got ${JSON.stringify(raw)}`,
    );
    return undefined;
  }
  const [key, value] = Object.entries(raw)[0] as [string, unknown];
  if (key === "or" || key === "and") {
    if (!Array.isArray(value) || value.length === 0) {
      problems.add(where, `"${key}" needs a non-empty list`);
      return undefined;
    }
    const rules: MatchRule[] = [];
    for (const [index, item] of value.entries()) {
      const rule = convertMatchRule(item, `${where}.${key}[${index}]`, problems);
      if (rule !== undefined) rules.push(rule);
    }
    return key === "or" ? { or: rules } : { and: rules };
  }
  if (typeof value !== "string" || value.length === 0) {
    problems.add(where, `"${key}" needs a non-empty string`);
    return undefined;
  }
  switch (key) {
    case "equals":
      return { equals: value };
    case "starts_with":
      return { startsWith: value };
    case "ends_with":
      return { endsWith: value };
    case "contains":
      return { contains: value };
    case "regex":
      try {
        new RegExp(value, "i");
      } catch (error) {
        problems.add(where, `regex ${JSON.stringify(value)} does not compile: ${String(error)}`);
        return undefined;
      }
      return { regex: value };
    default:
      problems.add(where, `unknown match clause "${key}"`);
      return undefined;
  }
}
