import { TokenledgerError } from "../errors/tokenledger-error.js";

const marker = "tokenledger.error.reconcile-mismatch";

/**
 * The ledger and the provider's bill differ by more than the tolerance somewhere (or a part of
 * the bill could not be compared). Thrown by the `reconcile` command after printing the table,
 * so CI fails with exit code 1.
 */
export class ReconcileMismatchError extends TokenledgerError {
  /** Rows beyond the tolerance. */
  readonly differences: number;

  constructor(options: { differences: number; message: string }) {
    super({ code: "RECONCILE_MISMATCH", message: options.message });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "ReconcileMismatchError";
    this.differences = options.differences;
  }

  static override isInstance(error: unknown): error is ReconcileMismatchError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
