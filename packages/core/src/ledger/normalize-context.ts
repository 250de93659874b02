import { InvalidRequestError } from "../errors/invalid-request-error.js";
import { describeValue } from "../validation/describe-value.js";
import type { LedgerContext } from "./types.js";

/**
 * A context as the ledger keeps it: every value a string or a list of strings, so a budget on
 * `userId` holds `userId: 42` as `"42"` instead of ignoring it. Numbers, bigints and booleans
 * become strings; `null` and `undefined` values are left out; anything else (an object, a
 * function, `NaN`) is refused with `InvalidRequestError` naming the key. Returns the same
 * object when nothing needs changing (the usual case).
 */
export function normalizeContext(context: unknown, field = "context"): LedgerContext | undefined {
  if (context === undefined || context === null) return undefined;
  if (typeof context !== "object" || Array.isArray(context)) {
    throw new InvalidRequestError({
      field,
      message: `${field} must be an object of string values such as { userId: "alice" }, got ${describeValue(context)}.`,
    });
  }
  const source = context as Record<string, unknown>;
  if (Object.values(source).every(isKept)) return source as LedgerContext;
  const normalized: Record<string, string | readonly string[]> = {};
  for (const [key, value] of Object.entries(source)) {
    const kept = normalizeValue(value, `${field}.${key}`);
    if (kept !== undefined) normalized[key] = kept;
  }
  return normalized;
}

/** Already in the kept shape: a string, a list of strings, or absent. */
function isKept(value: unknown): boolean {
  return (
    typeof value === "string" ||
    value === undefined ||
    (Array.isArray(value) && value.every((entry) => typeof entry === "string"))
  );
}

function normalizeValue(value: unknown, field: string): string | readonly string[] | undefined {
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    return value.map((entry, index) => scalarText(entry, `${field}[${index}]`));
  }
  return scalarText(value, field);
}

function scalarText(value: unknown, field: string): string {
  if (typeof value === "string") return value;
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint") {
    return String(value);
  }
  if (typeof value === "boolean") return String(value);
  throw new InvalidRequestError({
    field,
    message: `${field} must be a string (numbers and booleans are turned into strings), got ${describeValue(value)}. Budgets scope on these values; pass an id such as "alice" or 42.`,
  });
}
