import { type Check, INVALID } from "./check.js";
import { describeValue } from "./describe-value.js";
import { isPlainObjectLike } from "./is-plain-object-like.js";
import { type Message, messageOf } from "./message.js";

/**
 * Accepts an object used as a dictionary (any keys), whose every own value `item` accepts;
 * returns a fresh object of the checked values.
 */
export function recordOf<T>(item: Check<T>, message?: Message): Check<Record<string, T>> {
  return (value, path, issues) => {
    if (!isPlainObjectLike(value)) {
      issues.push({
        path,
        message: messageOf(
          message ?? `must be an object mapping keys to values, got ${describeValue(value)}`,
          value,
        ),
      });
      return INVALID;
    }
    const entries: [string, T][] = [];
    let valid = true;
    for (const [key, entry] of Object.entries(value)) {
      const checked = item(entry, [...path, key], issues);
      if (checked === INVALID) valid = false;
      else entries.push([key, checked]);
    }
    // fromEntries defines own properties, so a "__proto__" key stays data.
    return valid ? Object.fromEntries(entries) : INVALID;
  };
}
