import type { Command } from "commander";
import { bundledCatalogSnapshot } from "../pricing/catalog.generated.js";
import { createCatalog } from "../pricing/create-catalog.js";
import { renderTextTable } from "../report/text-table.js";
import type { CliIo } from "./cli-io.js";
import { describePrices, formatPrice, type PriceEntry } from "./describe-prices.js";
import { loadPrices } from "./load-config-files.js";
import { parseTimeFlag } from "./parse-options.js";
import {
  DEFAULT_SNAPSHOT_FILE,
  pricesStatusCommand,
  pricesUpdateCommand,
} from "./prices-update-command.js";

/** Options of {@link pricesCommand}. */
export interface PricesCommandOptions {
  /** Provider as frameworks name it (`openai.responses`, `bedrock`…). */
  provider?: string;
  /** A JSON file of your own prices (they win over the catalog). */
  prices?: string;
  /** Prices in effect at this instant (epoch ms). @default now */
  at?: number;
  json?: boolean;
}

/**
 * `tokenledger prices <model>`: the model as the catalog resolves it (provider, catalog id,
 * context window, output cap, deprecation), every entry of its price schedule with the current
 * one marked, and where the prices come from. Unknown models fail with suggestions.
 */
export async function pricesCommand(
  model: string,
  options: PricesCommandOptions,
  io: CliIo,
): Promise<void> {
  const prices = await loadPrices(options.prices, io.cwd);
  const catalog = createCatalog(prices === undefined ? {} : { prices });
  const resolved = catalog.resolveOrThrow(model, options.provider);
  const atMs = options.at ?? io.now();
  const entries = describePrices(resolved, atMs);
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          query: { model, provider: options.provider ?? null },
          provider: resolved.provider,
          model: resolved.model,
          contextWindow: resolved.contextWindow ?? null,
          maxOutputTokens: resolved.maxOutputTokens ?? null,
          deprecated: resolved.deprecated ?? false,
          priceSource: resolved.priceSource,
          at: new Date(atMs).toISOString(),
          entries,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const facts = [
    [
      "source",
      resolved.priceSource === "user"
        ? "your prices file"
        : `${resolved.priceSource} (genai-prices data${bundledCatalogSnapshot().date ? ` of ${bundledCatalogSnapshot().date}` : ""}, MIT)`,
    ],
    ...(resolved.contextWindow === undefined
      ? []
      : [["context window", `${resolved.contextWindow.toLocaleString("en-US")} tokens`]]),
    ...(resolved.maxOutputTokens === undefined
      ? []
      : [["max output", `${resolved.maxOutputTokens.toLocaleString("en-US")} tokens`]]),
    ...(resolved.deprecated ? [["status", "deprecated by the provider (still priced)"]] : []),
  ];
  const width = Math.max(...facts.map(([name]) => (name ?? "").length));
  const lines = [
    `${resolved.provider}:${resolved.model}${`${resolved.provider}:${resolved.model}` === model ? "" : `  (resolved from "${model}"${options.provider ? ` with provider "${options.provider}"` : ""})`}`,
    ...facts.map(([name, value]) => `  ${(name ?? "").padEnd(width)}  ${value}`),
    "",
    ...entries.flatMap((entry) => renderEntry(entry, entries.length > 1)),
  ];
  io.stdout(`${lines.join("\n")}\n`);
}

function renderEntry(entry: PriceEntry, many: boolean): string[] {
  const heading = many
    ? `${entry.condition}${entry.current ? "  ← in effect" : ""}`
    : "prices (USD)";
  const tiered = entry.lines.some((line) => typeof line.value !== "number");
  const table = renderTextTable(
    [
      { header: "kind" },
      { header: "price", align: "right" },
      { header: "unit" },
      ...(tiered ? [{ header: "context tiers (whole request)" }] : []),
    ],
    entry.lines.map((line) => {
      const base = typeof line.value === "number" ? line.value : line.value.base;
      const tiers =
        typeof line.value === "number"
          ? ""
          : line.value.tiers
              .map(
                (tier) =>
                  `${formatPrice(tier.price)} above ${tier.start.toLocaleString("en-US")} input tokens`,
              )
              .join("; ");
      return [line.label, formatPrice(base), line.unit, ...(tiered ? [tiers] : [])];
    }),
  );
  return [heading, table.replace(/^/gm, "  "), ""];
}

/** Registers `prices <model>` on the program. */
export function registerPricesCommand(program: Command, io: CliIo): void {
  const prices = program
    .command("prices")
    .description("show a model's prices per token kind, tiers, history and where they come from")
    .argument(
      "<model>",
      "model id as your framework names it: gpt-4o, openai:gpt-4o, openai/gpt-4o, claude-sonnet-4-5",
    )
    .option(
      "--provider <name>",
      "provider as your framework names it (openai.responses, anthropic.messages, bedrock…)",
    )
    .option(
      "--prices <file>",
      "JSON file of your own prices, USD per 1M tokens (they win over the catalog)",
    )
    .option("--at <time>", "prices in effect at this time (ISO date/time or 7d)", (value) =>
      parseTimeFlag(value, io.now()),
    )
    .option("--json", "print JSON")
    .action((model: string, options: PricesCommandOptions) => pricesCommand(model, options, io));
  prices
    .command("update")
    .description(
      "fetch the newest genai-prices data, check it, and write a local price snapshot file",
    )
    .option("--url <url>", "genai-prices v2 data.json URL (default: upstream main)")
    .option("--out <file>", `snapshot file to write (default: ${DEFAULT_SNAPSHOT_FILE})`)
    .option("--json", "print JSON")
    // `prices` has its own --json, which commander gives the parent: read both.
    .action((_options: unknown, command: Command) =>
      pricesUpdateCommand(
        command.optsWithGlobals<{ url?: string; out?: string; json?: boolean }>(),
        io,
      ),
    );
  prices
    .command("status")
    .description(
      "show the source and age of the prices in use and what changed since the bundled copy",
    )
    .option("--file <file>", `snapshot file to read (default: ${DEFAULT_SNAPSHOT_FILE})`)
    .option("--json", "print JSON")
    .action((_options: unknown, command: Command) =>
      pricesStatusCommand(command.optsWithGlobals<{ file?: string; json?: boolean }>(), io),
    );
}
