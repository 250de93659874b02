import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.invalid-usage";

/** A usage object was negative, NaN, fractional, or had a part larger than its total. */
export class InvalidUsageError extends TokenledgerError {
  /** The offending field, e.g. `cacheReadTokens`. */
  readonly field: string;
  readonly value: unknown;

  constructor(options: { field: string; value: unknown; message: string; cause?: unknown }) {
    super({ code: "INVALID_USAGE", message: options.message, cause: options.cause });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "InvalidUsageError";
    this.field = options.field;
    this.value = options.value;
  }

  static override isInstance(error: unknown): error is InvalidUsageError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
