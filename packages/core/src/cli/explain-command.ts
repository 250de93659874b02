import type { Command } from "commander";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { formatUsd } from "../insights/make-insight.js";
import type { BudgetStore } from "../store/store.js";
import type { CliIo } from "./cli-io.js";
import { type ExplainedCostLine, explainRecord, type RecordExplanation } from "./explain-record.js";
import { openStore, type StoreSpec } from "./open-store.js";

/** Options of {@link explainCommand} (the flags of `tokenledger explain`). */
export interface ExplainCommandOptions extends StoreSpec {
  json?: boolean;
}

const MATCH_MEANING: Readonly<Record<string, string>> = {
  exact: "exact match",
  snapshot: "a dated snapshot of the entry",
  alias: "a name the price data declares for the entry",
  family: "only the entry's family rule matched: an approximate price",
};

const count = (value: number): string => value.toLocaleString("en-US");
const usdPerMtok = (nanoUsdPerMtok: number): string =>
  `$${(nanoUsdPerMtok / 1e9).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;

function lineText(line: ExplainedCostLine): string {
  const nano = `${count(Math.round(line.exactNanoUsd * 1000) / 1000)} nano-USD`;
  if (line.nanoUsdPerThousandRequests !== undefined) {
    const per = usdPerMtok(line.nanoUsdPerThousandRequests);
    return `${line.kind.padEnd(12)} ${count(line.requests ?? line.tokens)} requests × ${per} per 1K = ${nano}`;
  }
  return `${line.kind.padEnd(12)} ${count(line.tokens)} tok × ${usdPerMtok(line.nanoUsdPerMtok)} per 1M = ${nano}`;
}

/** The text `explain` prints for one record. */
export function renderExplanation(explanation: RecordExplanation): string {
  const asked =
    explanation.requestedModel !== explanation.model
      ? ` (asked for "${explanation.requestedModel}")`
      : "";
  const answered =
    explanation.responseModel !== undefined ? `, answered as "${explanation.responseModel}"` : "";
  const lines = [
    `Record ${explanation.id} · ${explanation.time} · ${explanation.kind} · ${explanation.status}`,
    `  model         ${explanation.provider}:${explanation.model}${asked}${answered}`,
  ];
  if (explanation.fallbackFrom !== undefined)
    lines.push(`  fallback from ${explanation.fallbackFrom}`);
  if (!explanation.priced) {
    lines.push(
      '  price         none: the model had no price when the call was recorded (unknownModel: "record"); cost counted as $0',
    );
  } else {
    const match =
      explanation.priceMatch !== undefined
        ? `, ${MATCH_MEANING[explanation.priceMatch] ?? explanation.priceMatch}`
        : "";
    const source = explanation.priceSnapshot ?? explanation.priceSource;
    lines.push(
      `  price entry   ${explanation.priceEntry ?? `${explanation.provider}:${explanation.model}`}${match}${source !== undefined ? ` · ${source}` : ""}${explanation.priceEffectiveFrom !== undefined ? ` · in effect from ${explanation.priceEffectiveFrom}` : ""}`,
    );
  }
  lines.push(
    `  cost          ${formatUsd(explanation.costNanoUsd)} = ${count(explanation.costNanoUsd)} nano-USD (rounded once for the call)`,
  );
  for (const line of explanation.lines) lines.push(`    ${lineText(line)}`);
  if (explanation.tierStartTokens !== undefined)
    lines.push(`  context tier  from ${count(explanation.tierStartTokens)} input tokens`);
  lines.push(
    `  service tier  ${explanation.serviceTier ?? "standard"}${explanation.unpricedServiceTier !== undefined ? ` (asked for "${explanation.unpricedServiceTier}", which has no price: charged at the highest-priced tier)` : ""}`,
  );
  if (explanation.unpricedUnits !== undefined && explanation.unpricedUnits.length > 0)
    lines.push(
      `  not priced    ${explanation.unpricedUnits.join(", ")} (no price in the data; not in the total)`,
    );
  lines.push(
    `  estimated     ${explanation.estimated ? "yes" : "no"}: ${explanation.estimatedReason}`,
  );
  if (explanation.reportedCostNanoUsd !== undefined)
    lines.push(
      `  provider said ${formatUsd(explanation.reportedCostNanoUsd)} = ${count(explanation.reportedCostNanoUsd)} nano-USD`,
    );
  for (const part of explanation.parts ?? []) {
    lines.push(
      `  part          ${part.provider}:${part.model}${part.step !== undefined ? ` (${part.step})` : ""} ${formatUsd(part.costNanoUsd)}`,
    );
    for (const line of part.lines) lines.push(`    ${lineText(line)}`);
  }
  const context = Object.entries(explanation.context)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join(",") : String(value)}`)
    .join(" ");
  if (context !== "") lines.push(`  context       ${context}`);
  return `${lines.join("\n")}\n`;
}

/**
 * `tokenledger explain <record-id>`: why one recorded call cost what it did — the model, the
 * price entry and how it matched, each cost line (tokens × price per 1M), the service tier,
 * whether the usage is an estimate and why, and its parts. Reads the store's records.
 */
export async function explainCommand(
  recordId: string,
  options: ExplainCommandOptions,
  io: CliIo,
  store?: BudgetStore,
): Promise<void> {
  const opened = store === undefined ? await openStore(options, io.cwd, io.env) : undefined;
  const target = store ?? (opened?.store as BudgetStore);
  try {
    // Every record, newest first; a lookup by id in the store interface would avoid the scan.
    const records = await target.query({});
    const record = records.find((candidate) => candidate.id === recordId);
    if (record === undefined) {
      throw new InvalidConfigError({
        message: `No record "${recordId}" in ${opened?.description ?? "this store"} (${count(records.length)} records). Pass a record's id (the id field of ledger.on("usage") events and store.query results), and --store if your app writes elsewhere.`,
      });
    }
    const explanation = explainRecord(record);
    io.stdout(
      options.json ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplanation(explanation),
    );
  } finally {
    await opened?.close();
  }
}

/** Registers `explain <record-id>` on the program. */
export function registerExplainCommand(program: Command, io: CliIo): void {
  program
    .command("explain")
    .description("why one recorded call cost what it did: price entry, cost lines, tier, estimate")
    .argument("<record-id>", "the record's id")
    .option(
      "--store <location>",
      "a PGlite directory, redis://… or postgres://… (default: $TOKENLEDGER_STORE or .tokenledger/ledger)",
    )
    .option("--prefix <prefix>", "Redis key prefix your app uses (default tokenledger:)")
    .option("--schema <schema>", "Postgres schema your app uses (default public)")
    .option("--table-prefix <prefix>", "Postgres table prefix your app uses (default tokenledger_)")
    .option("--json", "print JSON")
    .action((recordId: string, options: ExplainCommandOptions) =>
      explainCommand(recordId, options, io),
    );
}
