import { type Command, InvalidArgumentError } from "commander";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { formatUsd } from "../insights/make-insight.js";
import { decimalToNanoUsd, USD_NANO_DIGITS } from "../reconcile/amount-to-nano-usd.js";
import type { ProviderCostReport } from "../reconcile/provider-cost.js";
import { readAnthropicCosts } from "../reconcile/read-anthropic-costs.js";
import { readOpenAiCosts } from "../reconcile/read-openai-costs.js";
import {
  DEFAULT_TOLERANCE_NANO_USD,
  type ReconcileCause,
  type ReconcileResult,
  reconcileCosts,
  reconcileReportedCosts,
} from "../reconcile/reconcile-costs.js";
import { ReconcileMismatchError } from "../reconcile/reconcile-mismatch-error.js";
import { renderTextTable } from "../report/text-table.js";
import type { BudgetStore } from "../store/store.js";
import type { CliIo } from "./cli-io.js";
import { openStore, type StoreSpec } from "./open-store.js";
import { parseTimeFlag } from "./parse-options.js";

const DAY_MS = 86_400_000;

/** Options of {@link reconcileCommand} (the flags of `tokenledger reconcile`). */
export interface ReconcileCommandOptions extends StoreSpec {
  /** `openai`, `anthropic`, or `reported` (gateway costs already on the records). */
  provider: string;
  /** Epoch ms; widened to whole UTC days. */
  from: number;
  to: number;
  /** Per row, nano-USD. */
  tolerance?: number;
  json?: boolean;
  /** Provider API origin (a proxy, a test server). */
  baseUrl?: string;
}

const CAUSE_TEXT: Readonly<Record<ReconcileCause, string>> = {
  "calls-outside-ledger": "calls outside the ledger",
  "missing-from-provider-report": "not in the provider's report (lag?)",
  "unpriced-records": "unpriced records",
  "estimated-records": "estimated records",
  "approximate-prices": "approximate prices",
  "price-drift": "price drift",
};

/** Parses `--tolerance 0.05` (USD) to nano-USD. */
export function parseToleranceUsd(value: string): number {
  const nanoUsd = decimalToNanoUsd(value, USD_NANO_DIGITS);
  if (nanoUsd === undefined || nanoUsd < 0) {
    throw new InvalidArgumentError("Use a USD amount per row, e.g. --tolerance 0.01.");
  }
  return nanoUsd;
}

/**
 * `tokenledger reconcile`: the ledger against the provider's cost report (or the gateway costs
 * on the records), per UTC day × model. Prints the rows beyond the tolerance with the likely
 * cause, then throws {@link ReconcileMismatchError} (exit 1) when there is any, or when a part of
 * the bill is not in USD. `fetch` and `store` are for tests and embedding.
 */
export async function reconcileCommand(
  options: ReconcileCommandOptions,
  io: CliIo,
  store?: BudgetStore,
  fetchFunction?: typeof fetch,
): Promise<void> {
  const fromMs = Math.floor(options.from / DAY_MS) * DAY_MS;
  const toMs = Math.ceil(options.to / DAY_MS) * DAY_MS;
  if (toMs <= fromMs) {
    throw new InvalidConfigError({ message: "--to must be after --from." });
  }
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE_NANO_USD;
  const opened = store === undefined ? await openStore(options, io.cwd, io.env) : undefined;
  const target = store ?? (opened?.store as BudgetStore);
  let result: ReconcileResult;
  try {
    if (options.provider === "reported") {
      const records = await target.query({ from: fromMs, to: toMs });
      result = reconcileReportedCosts({ records, toleranceNanoUsd: tolerance });
    } else {
      const report = await readReport(options, io, fromMs, toMs, fetchFunction);
      const records = await target.query({ from: fromMs, to: toMs, provider: options.provider });
      result = reconcileCosts({ records, report, toleranceNanoUsd: tolerance });
    }
  } finally {
    await opened?.close();
  }
  io.stdout(options.json ? `${JSON.stringify(result, null, 2)}\n` : renderResult(result));
  const failing = result.differences + result.unconverted.length;
  if (failing > 0) {
    throw new ReconcileMismatchError({
      differences: result.differences,
      message: `${result.differences} difference(s) beyond ${formatUsd(tolerance)} per row${result.unconverted.length > 0 ? ` and ${result.unconverted.length} amount(s) not in USD` : ""}; see the table above.`,
    });
  }
}

function readReport(
  options: ReconcileCommandOptions,
  io: CliIo,
  fromMs: number,
  toMs: number,
  fetchFunction: typeof fetch | undefined,
): Promise<ProviderCostReport> {
  const read =
    options.provider === "openai"
      ? readOpenAiCosts
      : options.provider === "anthropic"
        ? readAnthropicCosts
        : undefined;
  if (!read) {
    throw new InvalidConfigError({
      message: `Unknown --provider "${options.provider}". Use openai, anthropic, or reported.`,
    });
  }
  const readOptions: Parameters<typeof readOpenAiCosts>[0] = { fromMs, toMs, env: io.env };
  if (fetchFunction) readOptions.fetch = fetchFunction;
  if (options.baseUrl) readOptions.baseUrl = options.baseUrl;
  return read(readOptions);
}

function renderResult(result: ReconcileResult): string {
  const period = result.rows.length === 0 ? "" : ` (${result.rows.length} day × model rows)`;
  const lines = [
    `Ledger ${formatUsd(result.ledgerCostNanoUsd)} · ${result.source} ${formatUsd(result.providerCostNanoUsd)}${period}`,
  ];
  const differing = result.rows.filter((row) => !row.withinTolerance);
  if (differing.length === 0) {
    lines.push(`Every row is within ${formatUsd(result.toleranceNanoUsd)}.`);
  } else {
    lines.push(
      "",
      renderTextTable(
        [
          { header: "day" },
          { header: "model" },
          { header: "ledger", align: "right" },
          { header: result.source, align: "right" },
          { header: "difference", align: "right" },
          { header: "calls", align: "right" },
          { header: "likely cause" },
        ],
        differing.map((row) => [
          row.day,
          row.model,
          formatUsd(row.ledgerCostNanoUsd),
          formatUsd(row.providerCostNanoUsd),
          `${row.differenceNanoUsd > 0 ? "+" : ""}${formatUsd(row.differenceNanoUsd)}`,
          String(row.ledgerRequests),
          row.causes.map((cause) => CAUSE_TEXT[cause]).join(", "),
        ]),
      ),
    );
  }
  for (const amount of result.unconverted) {
    lines.push(
      `Not compared: ${amount.day} ${amount.model} ${amount.amount} ${amount.currency} (not USD; not converted).`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Registers `reconcile` on the program. */
export function registerReconcileCommand(program: Command, io: CliIo): void {
  const time = (value: string): number => parseTimeFlag(value, io.now());
  program
    .command("reconcile")
    .description(
      "compare the ledger with the provider's cost report per day × model; exit 1 on differences",
    )
    .requiredOption(
      "--provider <provider>",
      "openai (OPENAI_ADMIN_KEY), anthropic (ANTHROPIC_ADMIN_KEY), or reported (gateway costs on the records)",
    )
    .requiredOption("--from <time>", "from this UTC day (2026-11-01, or 7d back)", time)
    .option(
      "--to <time>",
      "up to this time, exclusive, widened to a whole UTC day (default now)",
      time,
    )
    .option(
      "--store <location>",
      "a PGlite directory, redis://… or postgres://… (default: $TOKENLEDGER_STORE or .tokenledger/ledger)",
    )
    .option(
      "--tolerance <usd>",
      "allowed difference per row in USD (default 0.01)",
      parseToleranceUsd,
    )
    .option("--base-url <url>", "the provider API origin (a proxy)")
    .option("--prefix <prefix>", "Redis key prefix your app uses (default tokenledger:)")
    .option("--schema <schema>", "Postgres schema your app uses (default public)")
    .option("--table-prefix <prefix>", "Postgres table prefix your app uses (default tokenledger_)")
    .option("--json", "print JSON instead of a table")
    .action((options: Omit<ReconcileCommandOptions, "to"> & { to?: number }) =>
      reconcileCommand({ ...options, to: options.to ?? io.now() }, io),
    );
}
