import { TokenledgerError } from "../errors/tokenledger-error.js";

const marker = "tokenledger.error.provider-report";

/**
 * A provider's cost report could not be read: no admin key, the key was refused, the endpoint
 * failed or answered in a shape we do not know. The message names the fix; it never contains
 * the key.
 */
export class ProviderReportError extends TokenledgerError {
  /** `openai` or `anthropic`. */
  readonly provider: string;
  /** HTTP status when the endpoint answered, else undefined. */
  readonly status: number | undefined;

  constructor(options: { provider: string; message: string; status?: number; cause?: unknown }) {
    super({ code: "PROVIDER_REPORT_FAILED", message: options.message, cause: options.cause });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "ProviderReportError";
    this.provider = options.provider;
    this.status = options.status;
  }

  static override isInstance(error: unknown): error is ProviderReportError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
