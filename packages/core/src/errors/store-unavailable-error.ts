import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.store-unavailable";

/** The store did not answer (down, timed out) and the ledger runs with `failMode: "closed"`. */
export class StoreUnavailableError extends TokenledgerError {
  /** The store operation that failed, e.g. `reserve`. */
  readonly operation: string;

  constructor(options: { operation: string; message?: string; cause?: unknown }) {
    super({
      code: "STORE_UNAVAILABLE",
      message:
        options.message ??
        `The budget store did not answer during "${options.operation}". Calls are refused while it is down (failMode: "closed"); set failMode: "open" to allow them and buffer records until it is back.`,
      cause: options.cause,
    });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "StoreUnavailableError";
    this.operation = options.operation;
  }

  static override isInstance(error: unknown): error is StoreUnavailableError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
