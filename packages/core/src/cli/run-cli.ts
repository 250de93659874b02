import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { describeCliError } from "./cli-errors.js";
import { type CliIo, processIo } from "./cli-io.js";
import { registerEstimateCommand } from "./estimate-command.js";
import { registerExplainCommand } from "./explain-command.js";
import { registerPricesCommand } from "./prices-command.js";
import { registerReconcileCommand } from "./reconcile-command.js";
import { registerReportCommand } from "./report-command.js";

/** This package's version, read from its package.json (walking up from this file). */
function packageVersion(): string {
  let directory = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth++) {
    try {
      const json = JSON.parse(readFileSync(join(directory, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (json.name === "@tokenledger/core" && json.version) return json.version;
    } catch {
      // not here; look one level up
    }
    directory = dirname(directory);
  }
  return "unknown";
}

/** The `tokenledger` program with its commands, writing to `io`, never exiting the process. */
export function createProgram(io: CliIo): Command {
  const program = new Command("tokenledger")
    .description(
      "Report on LLM spend, look up model prices and estimate prompts — from your tokenledger store.",
    )
    .version(packageVersion(), "-v, --version")
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    })
    .showHelpAfterError("(run tokenledger --help, or tokenledger <command> --help)")
    .exitOverride();
  registerReportCommand(program, io);
  registerPricesCommand(program, io);
  registerEstimateCommand(program, io);
  registerReconcileCommand(program, io);
  registerExplainCommand(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    });
    command.showHelpAfterError(`(run tokenledger ${command.name()} --help)`);
  }
  return program;
}

/**
 * Runs the CLI on `argv` (the arguments after the program name) and resolves to the exit code:
 * 0 on success, 2 for usage errors (bad flags, values, paths, config files), 1 for failures
 * (unknown model, store down). Errors are printed as one line on `io.stderr`.
 *
 * @example
 * const code = await runCli(["report", "--by", "model"]);
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = createProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return 0;
    }
    await program.parseAsync([...argv], { from: "user" });
    return 0;
  } catch (error) {
    const { message, exitCode } = describeCliError(error, io.env.TOKENLEDGER_DEBUG === "1");
    if (message !== "") io.stderr(`${message}\n`);
    return exitCode;
  }
}
