import { CommanderError } from "commander";
import { TokenledgerError } from "../errors/tokenledger-error.js";
import { UnknownModelError } from "../errors/unknown-model-error.js";

/** Exit code of a usage error: a bad flag, value, path or config file. */
export const EXIT_USAGE = 2;
/** Exit code of a failure while running: unknown model, store down, anything unexpected. */
export const EXIT_FAILURE = 1;

const USAGE_CODES: ReadonlySet<string> = new Set([
  "INVALID_CONFIG",
  "INVALID_PRICE",
  "INVALID_USAGE",
]);

/**
 * One readable line for an error and the exit code it deserves: 2 for usage errors (commander's
 * and our `InvalidConfigError`/`InvalidPriceError`/`InvalidUsageError`), 1 for the rest. The
 * stack is printed only with `TOKENLEDGER_DEBUG=1`.
 */
export function describeCliError(
  error: unknown,
  debug: boolean,
): { message: string; exitCode: number } {
  if (error instanceof CommanderError) {
    // Commander has already printed its message.
    return { message: "", exitCode: error.exitCode === 0 ? 0 : EXIT_USAGE };
  }
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  if (UnknownModelError.isInstance(error)) {
    // The core's fix names code options (`prices: {...}`); on the command line it is a flag.
    const fixed = UnknownModelError.withFix(error, cliUnknownModelFix(error));
    return { message: `error: ${oneLine(fixed.message)}${stack}`, exitCode: EXIT_FAILURE };
  }
  if (TokenledgerError.isInstance(error)) {
    const exitCode = USAGE_CODES.has(error.code) ? EXIT_USAGE : EXIT_FAILURE;
    return { message: `error: ${oneLine(error.message)}${stack}`, exitCode };
  }
  const text = error instanceof Error ? error.message : String(error);
  return {
    message: `error: ${oneLine(text)}${stack || "\n(set TOKENLEDGER_DEBUG=1 for the stack trace)"}`,
    exitCode: EXIT_FAILURE,
  };
}

/** The fix for an unknown model on the command line: a prices file passed with `--prices`. */
export function cliUnknownModelFix(error: UnknownModelError): string {
  const key = error.provider ? `${error.provider}:${error.model}` : error.model;
  return `Write its price to a JSON file, USD per 1M tokens ({ "${key}": { "inputMtok": …, "outputMtok": … } }), and pass --prices <file>.`;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
