import { StoreInputError } from "../../errors/store-input-error.js";
import { StoreUnavailableError } from "../../errors/store-unavailable-error.js";
import { TokenledgerError } from "../../errors/tokenledger-error.js";

/**
 * Runs one database call of a store with an optional time limit. A client error or a timeout
 * becomes `StoreUnavailableError` (operation named, client error as `cause`); bad input the
 * store refused itself (a `RangeError` from its argument checks) or the database refused
 * deterministically (`isInputError`) becomes `StoreInputError`; tokenledger errors pass through.
 * Shared by the Redis and Postgres stores.
 */
export async function guardStoreCall<T>(
  storeName: string,
  operation: string,
  timeoutMs: number | undefined,
  call: () => Promise<T>,
  isInputError?: (error: unknown) => boolean,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const attempt = call();
    if (timeoutMs === undefined) return await attempt;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new StoreUnavailableError({
              operation,
              message: `${storeName} did not answer "${operation}" within ${timeoutMs} ms (timeoutMs). Check that the server is up and reachable.`,
            }),
          ),
        timeoutMs,
      );
    });
    return await Promise.race([attempt, timeout]);
  } catch (error) {
    if (TokenledgerError.isInstance(error)) throw error;
    if (error instanceof RangeError) {
      // The store's own checks of what it was asked to write (an amount, a time).
      throw new StoreInputError({ operation, message: error.message, cause: error });
    }
    const detail = (error as { message?: unknown } | null)?.message ?? String(error);
    if (isInputError?.(error)) {
      throw new StoreInputError({
        operation,
        message: `${storeName} refused "${operation}" because of what it carried: ${String(detail)}. Retrying the same call will not help.`,
        cause: error,
      });
    }
    throw new StoreUnavailableError({
      operation,
      message: `${storeName} failed during "${operation}": ${String(detail)}`,
      cause: error,
    });
  } finally {
    if (timer) clearTimeout(timer);
  }
}
