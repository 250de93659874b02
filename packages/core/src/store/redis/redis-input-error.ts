/** Script failures that come from what the call carried or found (the same call fails again). */
const DETERMINISTIC = /user_script:\d+:|Error running script|WRONGTYPE|would overflow/;
/** States of the server that pass (memory, a busy script, loading, failover, cluster moves). */
const TRANSIENT =
  /\b(OOM|BUSY|LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|MOVED|ASK|NOSCRIPT)\b/;

/**
 * Whether a Redis error is a deterministic refusal of this call's input (a script error, a key
 * of the wrong type under the store's prefix, a counter that would overflow), so retrying
 * cannot help. Connection errors, timeouts and transient server states are not.
 */
export function isRedisInputError(error: unknown): boolean {
  const message = String((error as { message?: unknown } | null)?.message ?? "");
  return DETERMINISTIC.test(message) && !TRANSIENT.test(message);
}
