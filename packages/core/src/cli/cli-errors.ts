import { CommanderError } from "commander";
import { TokenledgerError } from "../errors/tokenledger-error.js";

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

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
