import { TokenledgerError } from "./tokenledger-error.js";

const marker = "tokenledger.error.unknown-model";

/** No price is known for a model. Never priced as $0 silently. */
export class UnknownModelError extends TokenledgerError {
  readonly model: string;
  readonly provider: string | undefined;
  /** Closest known ids, best first (may be empty). */
  readonly suggestions: readonly string[];
  /** What went wrong, without the fix: `Unknown model "x". Closest known: y.` */
  readonly problem: string;
  /** How to fix it for the caller at hand (code options, a CLI flag, an adapter option). */
  readonly fix: string;

  constructor(options: {
    model: string;
    provider?: string | undefined;
    suggestions?: readonly string[];
    /** Replaces the default problem sentence. */
    problem?: string;
    /** Replaces the default fix (a `prices` entry or `unknownModel: "record"`). */
    fix?: string;
    /** Replaces the whole message (`problem` and `fix` are then kept as given or defaulted). */
    message?: string;
    cause?: unknown;
  }) {
    const suggestions = options.suggestions ?? [];
    const where = options.provider ? ` (provider "${options.provider}")` : "";
    const closest = suggestions.length > 0 ? ` Closest known: ${suggestions.join(", ")}.` : "";
    const key = options.provider ? `${options.provider}:${options.model}` : options.model;
    const problem = options.problem ?? `Unknown model "${options.model}"${where}.${closest}`;
    const fix =
      options.fix ??
      `Add a price with prices: { "${key}": { inputMtok: …, outputMtok: … } } or set unknownModel: "record".`;
    super({
      code: "UNKNOWN_MODEL",
      message: options.message ?? `${problem} ${fix}`,
      cause: options.cause,
    });
    Object.defineProperty(this, Symbol.for(marker), { value: true });
    this.name = "UnknownModelError";
    this.model = options.model;
    this.provider = options.provider;
    this.suggestions = suggestions;
    this.problem = problem;
    this.fix = fix;
  }

  /**
   * The same error with the fix that fits where it surfaced (`--prices` in the CLI, an
   * adapter's option), the original as `cause`. Works on errors from another copy of the
   * package (their `problem` is read when present, else their whole message is kept).
   */
  static withFix(error: UnknownModelError, fix: string): UnknownModelError {
    const problem =
      typeof error.problem === "string" && error.problem !== "" ? error.problem : error.message;
    return new UnknownModelError({
      model: error.model,
      provider: error.provider,
      suggestions: error.suggestions ?? [],
      problem,
      fix,
      cause: error,
    });
  }

  static override isInstance(error: unknown): error is UnknownModelError {
    return TokenledgerError.hasMarker(error, marker);
  }
}
