import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.store-input";

/**
 * The store answered, and refused an operation because of what was in it (a value it cannot
 * hold, a malformed key). Retrying the same operation will not help, so the ledger never reports
 * this as the store being down: a write refused this way is dropped with a `dropped` event.
 */
export class StoreInputError extends TokenledgerError {
  /** The store operation that was refused, e.g. `append`. */
  readonly operation: string;

  constructor(options: { operation: string; message: string; cause?: unknown }) {
    super({ code: "STORE_INPUT", message: options.message, cause: options.cause });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "StoreInputError";
    this.operation = options.operation;
  }

  static override isInstance(error: unknown): error is StoreInputError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
