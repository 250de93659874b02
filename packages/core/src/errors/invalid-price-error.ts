import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.invalid-price";

/** A user-supplied price (or catalog) is malformed: negative, NaN, more than 9 decimals, … */
export class InvalidPriceError extends TokenledgerError {
  /** The model key the bad price was given for, when known. */
  readonly model: string | undefined;

  constructor(options: { message: string; model?: string; cause?: unknown }) {
    super({ code: "INVALID_PRICE", message: options.message, cause: options.cause });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "InvalidPriceError";
    this.model = options.model;
  }

  static override isInstance(error: unknown): error is InvalidPriceError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
