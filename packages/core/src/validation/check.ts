/** One step of a path into a checked value: an object key or an array index. */
export type PathSegment = string | number;

/** One problem found in a value. */
export interface ValidationIssue {
  /** Where, from the root of the checked value, e.g. `[0, "limit", "usd"]`. */
  readonly path: readonly PathSegment[];
  /** What is wrong and, where the check knows, how to fix it: `must be a whole number ≥ 0, got -1`. */
  readonly message: string;
  /** Set by `objectOf` for keys it does not know. */
  readonly unknownKeys?: readonly string[];
  /** Set with `unknownKeys`: the keys the object does know. */
  readonly knownKeys?: readonly string[];
}

/** What a check returns for a value it rejected (after reporting at least one issue). */
export const INVALID: unique symbol = Symbol("invalid");

/**
 * One validation step. Returns the accepted value (objects and arrays as fresh copies) or
 * {@link INVALID} after pushing what is wrong onto `issues`, with `path` as the value's place.
 * Checks are plain functions: compose them with `objectOf`, `arrayOf`, `optional`, `refine`, …
 * or write one by hand.
 */
export type Check<T> = (
  value: unknown,
  path: readonly PathSegment[],
  issues: ValidationIssue[],
) => T | typeof INVALID;

/** The type of the values a check accepts. */
export type Checked<C> = C extends Check<infer T> ? T : never;
