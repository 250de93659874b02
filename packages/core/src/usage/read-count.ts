import { isTokenCount } from "./check-usage.js";
import { invalidCountError } from "./usage-errors.js";

/**
 * Reads one count from a provider or framework payload. `undefined`, `null` and `NaN` (the AI
 * SDK's "no count") mean absent; a valid count is returned; anything else (negative, fractional,
 * infinite, a string, …) throws `InvalidUsageError` naming `field` and `source`.
 *
 * @internal used by the normalizers.
 */
export function readCount(value: unknown, field: string, source: string): number | undefined {
  if (isTokenCount(value)) return value;
  if (value === undefined || value === null || Number.isNaN(value)) return undefined;
  throw invalidCountError(field, value, source);
}

/** `value` as a record when it is a non-null object, else `undefined`. @internal */
export function readRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === "object" && value !== null
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;
}
