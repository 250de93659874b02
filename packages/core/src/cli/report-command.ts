import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { formatUsd } from "../insights/make-insight.js";
import { renderAggregateTable } from "../report/aggregate-table.js";
import { collectReportData } from "../report/collect-report-data.js";
import { renderHtmlReport } from "../report/render-html-report.js";
import { renderTextReport } from "../report/render-text-report.js";
import type { CollectReportOptions } from "../report/report-data.js";
import type { AggregateQuery } from "../store/ledger-query.js";
import type { BudgetStore } from "../store/store.js";
import type { CliIo } from "./cli-io.js";
import { loadBudgets, loadPrices } from "./load-config-files.js";
import { openStore, type StoreSpec } from "./open-store.js";
import { parseGroupBy, parsePositiveInteger, parseTimeFlag, parseWhere } from "./parse-options.js";
import { groupKeysWithProvider, qualifyModelGroups } from "./provider-qualified-models.js";

/** Default file of `report --html`. */
export const DEFAULT_HTML_FILE = "tokenledger-report.html";

/** Options of {@link reportCommand} (the flags of `tokenledger report`). */
export interface ReportCommandOptions extends StoreSpec {
  /** Group keys; without it the full report prints tables by model, provider, user, feature, day. */
  by?: string[];
  /** Epoch ms bounds. */
  from?: number;
  to?: number;
  where?: Record<string, string>;
  /** Budget rules file (default `.tokenledger/budgets.json` when it exists). */
  budgets?: string;
  prices?: string;
  /** Instant budgets are read at (epoch ms). @default now */
  at?: number;
  /** Newest records examined for the timeline and insights. */
  limit?: number;
  json?: boolean;
  html?: boolean;
  /** File of `--html`. */
  out?: string;
}

/**
 * `tokenledger report`: spend from a store — the full text report (tables by model, provider,
 * user, feature and day; budgets with projections; insights), one table grouped `--by` keys,
 * JSON (`--json`), or one self-contained HTML file with charts (`--html [--out file]`).
 * `store` skips opening one (tests, embedding); otherwise the store of `options` is opened and
 * closed.
 */
export async function reportCommand(
  options: ReportCommandOptions,
  io: CliIo,
  store?: BudgetStore,
): Promise<void> {
  if (options.html && options.by) {
    throw new InvalidConfigError({
      message: "--html draws the whole report; drop --by (or drop --html for one table).",
    });
  }
  const [budgets, prices] = await Promise.all([
    loadBudgets(options.budgets, io.cwd),
    loadPrices(options.prices, io.cwd),
  ]);
  const opened = store === undefined ? await openStore(options, io.cwd, io.env) : undefined;
  const target = store ?? (opened?.store as BudgetStore);
  try {
    if (options.by) {
      await printGroupedTable(target, options, io);
      return;
    }
    const collect: CollectReportOptions = { store: target, budgets, now: options.at ?? io.now() };
    if (prices !== undefined) collect.prices = prices;
    if (options.from !== undefined) collect.from = options.from;
    if (options.to !== undefined) collect.to = options.to;
    if (options.where !== undefined) collect.context = options.where;
    if (options.limit !== undefined) collect.recordLimit = options.limit;
    const data = await collectReportData(collect);
    if (opened) data.storeName = opened.description;
    if (options.html) {
      const file = resolve(io.cwd, options.out ?? DEFAULT_HTML_FILE);
      try {
        await writeFile(file, renderHtmlReport(data));
      } catch (error) {
        throw new InvalidConfigError({
          message: `Cannot write the report to "${options.out ?? DEFAULT_HTML_FILE}": ${(error as Error).message}. Pass --out with a writable path.`,
          cause: error,
        });
      }
      io.stdout(
        `Wrote ${file}\n${formatUsd(data.totals.costNanoUsd)} over ${data.totals.requests.toLocaleString("en-US")} calls · ${data.insights.length} insights · ${data.budgets.length} budgets\n`,
      );
      return;
    }
    io.stdout(options.json ? `${JSON.stringify(data, null, 2)}\n` : renderTextReport(data));
  } finally {
    await opened?.close();
  }
}

async function printGroupedTable(
  store: BudgetStore,
  options: ReportCommandOptions,
  io: CliIo,
): Promise<void> {
  const groupBy = options.by ?? [];
  const query: AggregateQuery = { groupBy: groupKeysWithProvider(groupBy) };
  if (options.from !== undefined) query.from = options.from;
  if (options.to !== undefined) query.to = options.to;
  if (options.where !== undefined) query.context = options.where;
  const [providerRows, totals] = await Promise.all([
    store.aggregate(query),
    store.aggregate({ ...query, groupBy: [] }),
  ]);
  // `openai:gpt-4o`, never `gpt-4o` summed over every provider serving that id.
  const rows = qualifyModelGroups(providerRows, groupBy);
  const sorted = groupBy.includes("day")
    ? rows
    : [...rows].sort(
        (left, right) => right.costNanoUsd - left.costNanoUsd || right.requests - left.requests,
      );
  if (options.json) {
    io.stdout(`${JSON.stringify(sorted, null, 2)}\n`);
    return;
  }
  if (sorted.length === 0) {
    io.stdout("No calls recorded in this period.\n");
    return;
  }
  const names = groupBy.map((key) => (key === "userId" ? "user" : key === "teamId" ? "team" : key));
  io.stdout(
    `Spend by ${names.join(" × ")}\n\n${renderAggregateTable(sorted, groupBy, totals[0])}\n`,
  );
}

/** Registers `report` on the program. */
export function registerReportCommand(program: Command, io: CliIo): void {
  const time = (value: string): number => parseTimeFlag(value, io.now());
  program
    .command("report")
    .description(
      "spend by model, provider, user, feature and day; budgets; insights — as text, JSON or one HTML file",
    )
    .option(
      "--store <location>",
      "a PGlite directory, redis://… or postgres://… (default: $TOKENLEDGER_STORE or .tokenledger/ledger)",
    )
    .option(
      "--by <keys>",
      "one table grouped by these keys: model, provider, day, status, kind, user, team, feature or any context key",
      parseGroupBy,
    )
    .option(
      "--from <time>",
      "from this time, inclusive (2026-11-01, 2026-11-01T09:00Z, or 24h / 7d back)",
      time,
    )
    .option("--to <time>", "up to this time, exclusive", time)
    .option(
      "--where <key=value>",
      "only calls whose context has this value (repeatable)",
      parseWhere,
    )
    .option(
      "--budgets <file>",
      "JSON budget rules your app runs with (default: .tokenledger/budgets.json if present)",
    )
    .option("--prices <file>", "JSON file of your own prices, USD per 1M tokens")
    .option("--at <time>", "read budgets at this time instead of now", time)
    .option(
      "--limit <records>",
      "newest records examined for the timeline and insights (default 100000)",
      parsePositiveInteger,
    )
    .option("--prefix <prefix>", "Redis key prefix your app uses (default tokenledger:)")
    .option("--schema <schema>", "Postgres schema your app uses (default public)")
    .option("--table-prefix <prefix>", "Postgres table prefix your app uses (default tokenledger_)")
    .option("--json", "print JSON instead of tables")
    .option("--html", "write one self-contained HTML report with charts")
    .option("--out <file>", `file for --html (default ${DEFAULT_HTML_FILE})`)
    .action((options: ReportCommandOptions) => reportCommand(options, io));
}
