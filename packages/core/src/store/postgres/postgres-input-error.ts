/**
 * Whether a Postgres error is a deterministic refusal of the data it was given: SQLSTATE class
 * 22 (data exception: a value out of range, an invalid text representation) or 23 (integrity
 * constraint violation). The same statement would fail again, so retrying cannot help.
 * Connection errors, timeouts, serialization failures and the like are not. `code` is the
 * SQLSTATE on errors from pg, postgres.js and PGlite.
 */
export function isPostgresInputError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^2[23][0-9A-Z]{3}$/.test(code);
}
