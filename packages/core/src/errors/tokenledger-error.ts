const marker = "tokenledger.error";

/** Every code a tokenledger error can carry. */
export type TokenledgerErrorCode =
  | "INVALID_USAGE"
  | "INVALID_PRICE"
  | "UNKNOWN_MODEL"
  | "BUDGET_EXCEEDED"
  | "INVALID_CONFIG"
  | "STORE_UNAVAILABLE"
  | "STORE_INPUT"
  | "INVALID_REQUEST"
  | "UNSCOPED_CALL"
  | "PRICE_REFRESH_FAILED"
  | "PROVIDER_REPORT_FAILED"
  | "RECONCILE_MISMATCH";

/**
 * Base class of every error thrown by tokenledger. `isInstance` works across duplicate
 * installs (two copies of the package in one process) because it checks a global symbol,
 * not the prototype chain.
 */
export class TokenledgerError extends Error {
  readonly code: TokenledgerErrorCode;

  constructor(options: { code: TokenledgerErrorCode; message: string; cause?: unknown }) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "TokenledgerError";
    this.code = options.code;
  }

  static isInstance(error: unknown): error is TokenledgerError {
    return TokenledgerError.hasMarker(error, marker);
  }

  /** True when `error` carries the global marker `Symbol.for(markerName)`. */
  protected static hasMarker(error: unknown, markerName: string): boolean {
    const markerSymbol = Symbol.for(markerName);
    return (
      error != null &&
      typeof error === "object" &&
      markerSymbol in error &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}
