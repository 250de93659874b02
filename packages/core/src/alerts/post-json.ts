import { AlertDeliveryError } from "./alert.js";

/** POST a JSON body; a non-2xx answer or a network failure becomes an {@link AlertDeliveryError}. */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
      signal,
    });
  } catch (error) {
    throw new AlertDeliveryError(`POST ${url} failed: ${String(error)}`, {
      retryable: true,
      cause: error,
    });
  }
  // Drain the body so the connection can be reused.
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return;
  const status = response.status;
  const retryable = status >= 500 || status === 408 || status === 429;
  throw new AlertDeliveryError(`POST ${url} answered ${status}`, { retryable, status });
}
