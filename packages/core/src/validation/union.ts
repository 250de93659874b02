import { type Check, type Checked, INVALID, type ValidationIssue } from "./check.js";
import { type Message, messageOf } from "./message.js";

/**
 * Accepts what any of `branches` accepts (the first that does wins). When all reject the value,
 * and exactly one of them got past its outer shape (its only complaints are about nested fields
 * or unknown keys, as `objectOf` for `{ rollingMs: 5 }`), its issues are reported, being the most
 * precise; otherwise `message` is.
 */
export function union<const Branches extends readonly Check<unknown>[]>(
  branches: Branches,
  message: Message,
): Check<Checked<Branches[number]>> {
  return (value, path, issues) => {
    const closeMisses: ValidationIssue[][] = [];
    for (const branch of branches) {
      const branchIssues: ValidationIssue[] = [];
      const checked = branch(value, path, branchIssues);
      if (checked !== INVALID) return checked as Checked<Branches[number]>;
      const pastOuterShape = branchIssues.every(
        (issue) => issue.path.length > path.length || issue.unknownKeys !== undefined,
      );
      if (pastOuterShape) closeMisses.push(branchIssues);
    }
    const [only] = closeMisses;
    if (closeMisses.length === 1 && only !== undefined && only.length > 0) issues.push(...only);
    else issues.push({ path, message: messageOf(message, value) });
    return INVALID;
  };
}
