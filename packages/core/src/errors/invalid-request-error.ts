import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.invalid-request";

/**
 * A call to the ledger (`reserve`, `record`, `estimate`, `status`) was given something it cannot
 * use: a missing model, a number that is not a finite non-negative integer, a context value that
 * is not a string. The message names the field and the fix. Nothing was held or written.
 */
export class InvalidRequestError extends TokenledgerError {
  /** Dotted path of the offending field, e.g. `estimate.inputTokens`. */
  readonly field: string;

  constructor(options: { field: string; message: string; cause?: unknown }) {
    super({ code: "INVALID_REQUEST", message: options.message, cause: options.cause });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "InvalidRequestError";
    this.field = options.field;
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
