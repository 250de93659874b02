import { PriceRefreshError } from "../../errors/price-refresh-error.js";

/**
 * GETs `url` and returns its body as text, refusing a non-2xx answer, a body above `maxBytes`
 * (read chunk by chunk, so a huge body is cut off, not buffered) and anything slower than
 * `timeoutMs` in total.
 *
 * @throws PriceRefreshError with reason `network`, `timeout`, `http-status` or `too-large`.
 */
export async function readLimitedBody(
  fetchImpl: typeof fetch,
  url: string,
  options: { timeoutMs: number; maxBytes: number },
): Promise<string> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await fetchImpl(url, { signal: controller.signal });
    if (!response.ok) {
      throw new PriceRefreshError({
        reason: "http-status",
        url,
        message: `the server answered ${response.status}.`,
      });
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > options.maxBytes) throw tooLarge(url, options.maxBytes);
    const reader = response.body?.getReader();
    if (reader === undefined) return await response.text();
    const decoder = new TextDecoder();
    let bytes = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > options.maxBytes) {
        await reader.cancel();
        throw tooLarge(url, options.maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } catch (error) {
    if (PriceRefreshError.isInstance(error)) throw error;
    if (timedOut) {
      throw new PriceRefreshError({
        reason: "timeout",
        url,
        message: `no complete answer within ${options.timeoutMs} ms.`,
        cause: error,
      });
    }
    throw new PriceRefreshError({
      reason: "network",
      url,
      message: `the fetch failed (${error instanceof Error ? error.message : String(error)}).`,
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

function tooLarge(url: string, maxBytes: number): PriceRefreshError {
  return new PriceRefreshError({
    reason: "too-large",
    url,
    message: `the body is larger than maxBytes (${maxBytes} bytes).`,
  });
}
