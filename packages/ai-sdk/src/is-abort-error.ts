/**
 * True for the error `fetch` (and every AI SDK provider) throws when the call's `AbortSignal`
 * fires: a `DOMException` or `Error` named `AbortError` (or `TimeoutError` for
 * `AbortSignal.timeout`).
 */
export function isAbortError(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("name" in error)) return false;
  const name = (error as { name: unknown }).name;
  return name === "AbortError" || name === "TimeoutError";
}
