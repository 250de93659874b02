import { type Check, INVALID } from "./check.js";
import { type Message, messageOf } from "./message.js";

/**
 * Accepts what `predicate` accepts, as a `T` (the predicate vouches for the type), e.g. a store
 * object recognized by its methods.
 */
export function custom<T>(predicate: (value: unknown) => boolean, message: Message): Check<T> {
  return (value, path, issues) => {
    if (predicate(value)) return value as T;
    issues.push({ path, message: messageOf(message, value) });
    return INVALID;
  };
}

/** Accepts anything, unchanged (for values another step validates, or keeps as given). */
export const anyValue: Check<unknown> = (value) => value;
