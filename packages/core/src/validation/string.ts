import { type Check, INVALID } from "./check.js";
import { describeValue } from "./describe-value.js";
import { type Message, messageOf } from "./message.js";

/** Accepts any string (empty too; add `refine` for more). */
export function string(message?: Message): Check<string> {
  return (value, path, issues) => {
    if (typeof value === "string") return value;
    issues.push({
      path,
      message: messageOf(message ?? `must be a string, got ${describeValue(value)}`, value),
    });
    return INVALID;
  };
}
