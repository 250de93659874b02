import type { PathSegment } from "./check.js";

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A path as JavaScript would write it: `budgets[0].limit.usd`, `cheaperModels["openai:gpt-4o"][1]`.
 * The empty path gives `""`.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") text += `[${segment}]`;
    else if (!IDENTIFIER.test(segment)) text += `[${JSON.stringify(segment)}]`;
    else text += text === "" ? segment : `.${segment}`;
  }
  return text;
}
