import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.unscoped-call";

/**
 * A budget scopes on a context key (`userId`, …) that the call did not carry, and the ledger runs
 * with `missingScope: "deny"`. Pass the key in the call's context or through `ledger.withContext`.
 */
export class UnscopedCallError extends TokenledgerError {
  /** The budget whose key was missing. */
  readonly ruleId: string;
  /** The context key the call lacked. */
  readonly scope: string;

  constructor(options: { ruleId: string; scope: string; message?: string }) {
    super({
      code: "UNSCOPED_CALL",
      message:
        options.message ??
        `Budget "${options.ruleId}" scopes on "${options.scope}", and this call has no "${options.scope}" in its context. Pass context: { ${options.scope}: … } (or wrap the call in ledger.withContext), or set missingScope: "warn" to let such calls through with an "unscoped-call" event.`,
    });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "UnscopedCallError";
    this.ruleId = options.ruleId;
    this.scope = options.scope;
  }

  static override isInstance(error: unknown): error is UnscopedCallError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
