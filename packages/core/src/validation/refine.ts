import { type Check, INVALID } from "./check.js";
import { type Message, messageOf } from "./message.js";

/**
 * Adds a condition to `check`, tested only on values `check` accepted (so `predicate` sees a
 * value of the right type), e.g. `refine(string(), (text) => text !== "", "must not be empty")`.
 */
export function refine<T>(
  check: Check<T>,
  predicate: (value: T) => boolean,
  message: Message<T>,
): Check<T> {
  return (value, path, issues) => {
    const checked = check(value, path, issues);
    if (checked === INVALID || predicate(checked)) return checked;
    issues.push({ path, message: messageOf(message, checked) });
    return INVALID;
  };
}
