import { InvalidUsageError } from "../errors/invalid-usage-error.js";

/**
 * The instant a call is priced at, in epoch ms: a `Date`, an ISO-8601 string or epoch ms;
 * `undefined` means now.
 *
 * @throws InvalidUsageError (field `at`) for an invalid date.
 */
export function toEpochMs(at: Date | string | number | undefined): number {
  if (at === undefined) return Date.now();
  const ms =
    at instanceof Date
      ? at.getTime()
      : typeof at === "string"
        ? Date.parse(at)
        : typeof at === "number"
          ? at
          : Number.NaN;
  if (!Number.isFinite(ms)) {
    throw new InvalidUsageError({
      field: "at",
      value: at,
      message: `Invalid "at" ${typeof at === "string" ? JSON.stringify(at) : String(at)}: pass a Date, an ISO-8601 string such as "2025-06-10T12:00:00Z", or epoch milliseconds.`,
    });
  }
  return ms;
}
