import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.unknown-model";

/** No price is known for a model. Never priced as $0 silently. */
export class UnknownModelError extends TokenledgerError {
  readonly model: string;
  readonly provider: string | undefined;
  /** Closest known ids, best first (may be empty). */
  readonly suggestions: readonly string[];

  constructor(options: {
    model: string;
    provider?: string;
    suggestions?: readonly string[];
    message?: string;
  }) {
    const suggestions = options.suggestions ?? [];
    const where = options.provider ? ` (provider "${options.provider}")` : "";
    const closest = suggestions.length > 0 ? ` Closest known: ${suggestions.join(", ")}.` : "";
    const key = options.provider ? `${options.provider}:${options.model}` : options.model;
    super({
      code: "UNKNOWN_MODEL",
      message:
        options.message ??
        `Unknown model "${options.model}"${where}.${closest} Add a price with prices: { "${key}": { inputMtok: …, outputMtok: … } } or set unknownModel: "record".`,
    });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "UnknownModelError";
    this.model = options.model;
    this.provider = options.provider;
    this.suggestions = suggestions;
  }

  static override isInstance(error: unknown): error is UnknownModelError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
