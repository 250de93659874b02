import { type Check, INVALID } from "./check.js";
import { describeValue } from "./describe-value.js";
import { type Message, messageOf } from "./message.js";

/** Accepts exactly one of `values` (compared with `===`), e.g. `oneOf(["closed", "open"])`. */
export function oneOf<const Values extends readonly (string | number | boolean)[]>(
  values: Values,
  message?: Message,
): Check<Values[number]> {
  const listed = values.map((entry) => JSON.stringify(entry)).join(", ");
  return (value, path, issues) => {
    if (values.includes(value as Values[number])) return value as Values[number];
    issues.push({
      path,
      message: messageOf(message ?? `must be one of ${listed}, got ${describeValue(value)}`, value),
    });
    return INVALID;
  };
}
