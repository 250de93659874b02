import { type Check, INVALID } from "./check.js";
import { describeValue } from "./describe-value.js";
import { type Message, messageOf } from "./message.js";

/** Accepts an array whose every item `item` accepts; returns a fresh array of the checked items. */
export function arrayOf<T>(item: Check<T>, message?: Message): Check<T[]> {
  return (value, path, issues) => {
    if (!Array.isArray(value)) {
      issues.push({
        path,
        message: messageOf(message ?? `must be an array, got ${describeValue(value)}`, value),
      });
      return INVALID;
    }
    const output: T[] = [];
    let valid = true;
    for (let index = 0; index < value.length; index++) {
      const checked = item(value[index], [...path, index], issues);
      if (checked === INVALID) valid = false;
      else output.push(checked);
    }
    return valid ? output : INVALID;
  };
}
