import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.invalid-config";

/** Options given to a factory are invalid. `cause` holds the validator's error when there is one. */
export class InvalidConfigError extends TokenledgerError {
  constructor(options: { message: string; cause?: unknown }) {
    super({ code: "INVALID_CONFIG", message: options.message, cause: options.cause });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "InvalidConfigError";
  }

  static override isInstance(error: unknown): error is InvalidConfigError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
