import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.price-refresh";

/**
 * Why a price refresh was rejected: the fetch failed (`network`, `timeout`, `http-status`), the
 * body was unusable (`too-large`, `malformed-json`, `invalid-data`), or the prices looked hostile
 * (`absurd-price`: a token price above the sanity cap; `price-jump`: a model's price moved by
 * more than the allowed ratio from the prices in use). The last good prices stay in use.
 */
export type PriceRefreshFailure =
  | "network"
  | "timeout"
  | "http-status"
  | "too-large"
  | "malformed-json"
  | "invalid-data"
  | "absurd-price"
  | "price-jump";

/** A remote price refresh was rejected; the prices in use were kept. */
export class PriceRefreshError extends TokenledgerError {
  readonly reason: PriceRefreshFailure;
  /** Where the prices were fetched from. */
  readonly url: string;

  constructor(options: {
    reason: PriceRefreshFailure;
    url: string;
    message: string;
    cause?: unknown;
  }) {
    super({
      code: "PRICE_REFRESH_FAILED",
      message: `Price refresh from ${options.url} rejected (${options.reason}): ${options.message} The last good prices stay in use.`,
      ...(options.cause === undefined ? {} : { cause: options.cause }),
    });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "PriceRefreshError";
    this.reason = options.reason;
    this.url = options.url;
  }

  static override isInstance(error: unknown): error is PriceRefreshError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
