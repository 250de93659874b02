import { parseArgs } from "node:util";

/** Options of `pnpm demo`. */
export interface DemoOptions {
  seed: number;
  calls: number;
  /** Where the HTML report goes (relative to the current directory). */
  reportPath: string;
  /** The PGlite directory the records are persisted to (recreated on each run). */
  ledgerPath: string;
  /** Skip the live calls even when OPENAI_API_KEY is set. */
  offline: boolean;
}

const USAGE = `Usage: pnpm demo [--seed N] [--calls N] [--report FILE] [--ledger DIR] [--offline]

  --seed N       seed of the simulated week (default 42); the same seed gives the same numbers
  --calls N      requests to simulate, 50 to 20000 (default 600)
  --report FILE  where to write the HTML report (default .tokenledger/report.html)
  --ledger DIR   PGlite directory the records are saved to, recreated on each run
                 (default .tokenledger/demo-ledger)
  --offline      no live calls even when OPENAI_API_KEY is set`;

/** Parses argv; prints usage and exits on `--help` or bad input. */
export function parseDemoOptions(argv: readonly string[]): DemoOptions {
  const fail = (message: string): never => {
    process.stderr.write(`${message}\n\n${USAGE}\n`);
    process.exit(2);
  };
  let values: {
    seed?: string;
    calls?: string;
    report?: string;
    ledger?: string;
    offline?: boolean;
    help?: boolean;
  } = {};
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        seed: { type: "string" },
        calls: { type: "string" },
        report: { type: "string" },
        ledger: { type: "string" },
        offline: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const integer = (
    name: string,
    text: string | undefined,
    fallback: number,
    min: number,
    max: number,
  ): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      fail(`--${name} must be an integer from ${min} to ${max}, got "${text}".`);
    }
    return value;
  };
  return {
    seed: integer("seed", values.seed, 42, 0, 2 ** 32 - 1),
    calls: integer("calls", values.calls, 600, 50, 20_000),
    reportPath: values.report ?? ".tokenledger/report.html",
    ledgerPath: values.ledger ?? ".tokenledger/demo-ledger",
    offline: values.offline === true,
  };
}
