import { type Check, type Checked, INVALID, type ValidationIssue } from "./check.js";
import { describeValue } from "./describe-value.js";
import { didYouMean } from "./did-you-mean.js";
import { isPlainObjectLike } from "./is-plain-object-like.js";
import { type Message, messageOf } from "./message.js";

/** Checks of an object's keys, one per known key. */
export type Shape = Readonly<Record<string, Check<unknown>>>;

type OptionalKeys<S extends Shape> = {
  [K in keyof S]: undefined extends Checked<S[K]> ? K : never;
}[keyof S];

/** The object a shape accepts: keys whose check accepts `undefined` are optional. */
export type ObjectOf<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Checked<S[K]>;
} & { [K in OptionalKeys<S>]?: Checked<S[K]> };

/** Options of {@link objectOf}. */
export interface ObjectOfOptions {
  /** Replaces the default `must be an object, got 5` (for a value that is no object at all). */
  message?: Message;
}

/**
 * `unknown key "budgetz" (did you mean "budgets"? known keys: store, prices, budgets)`: the
 * default message of an `objectOf` issue about keys it does not know.
 */
function unknownKeysMessage(keys: readonly string[], knownKeys: readonly string[]): string {
  const hint = didYouMean(keys, knownKeys);
  const listed = keys.map((key) => JSON.stringify(key)).join(", ");
  return `unknown ${keys.length > 1 ? "keys" : "key"} ${listed} (${hint ? `${hint} ` : ""}known keys: ${knownKeys.join(", ")})`;
}

/**
 * Accepts an object whose known keys pass their checks and that has no other own keys (a typo
 * such as `budgetz` is reported, with the nearest known key, instead of silently ignored).
 * Returns a fresh object with the checked values (keys whose value is `undefined` left out).
 */
export function objectOf<S extends Shape>(
  shape: S,
  options: ObjectOfOptions = {},
): Check<ObjectOf<S>> {
  const knownKeys = Object.keys(shape);
  return (value, path, issues) => {
    if (!isPlainObjectLike(value)) {
      issues.push({
        path,
        message: messageOf(
          options.message ?? `must be an object, got ${describeValue(value)}`,
          value,
        ),
      });
      return INVALID;
    }
    const output: Record<string, unknown> = {};
    let valid = true;
    for (const key of knownKeys) {
      const checked = (shape[key] as Check<unknown>)(value[key], [...path, key], issues);
      if (checked === INVALID) valid = false;
      else if (checked !== undefined) output[key] = checked;
    }
    const unknownKeys = Object.keys(value).filter((key) => !Object.hasOwn(shape, key));
    if (unknownKeys.length > 0) {
      const issue: ValidationIssue = {
        path,
        message: unknownKeysMessage(unknownKeys, knownKeys),
        unknownKeys,
        knownKeys,
      };
      issues.push(issue);
      valid = false;
    }
    return valid ? (output as ObjectOf<S>) : INVALID;
  };
}
