import type { Command } from "commander";
import { formatUsd } from "../insights/make-insight.js";
import { createCatalog } from "../pricing/create-catalog.js";
import { priceUsage } from "../pricing/price-usage.js";
import { estimateTokens } from "../tokenize/estimate-tokens.js";
import type { CliIo } from "./cli-io.js";
import { loadPrices } from "./load-config-files.js";
import { parsePositiveInteger } from "./parse-options.js";
import { readPromptFile, STDIN_PATH } from "./read-prompt-file.js";

/** Worst-case output when neither the flag, the file nor the catalog gives one (the ledger's default). */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4096;

/** Options of {@link estimateCommand}. */
export interface EstimateCommandOptions {
  model: string;
  provider?: string;
  maxOutput?: number;
  prices?: string;
  json?: boolean;
}

/**
 * `tokenledger estimate <file|-> --model <id>`: input tokens of a prompt file (`-`: standard
 * input) with the model's
 * tokenizer (chat overhead, tools and images by the provider's rules; non-OpenAI models through
 * the nearest encoding × a correction factor) and the worst-case cost with `--max-output`, the
 * file's max-tokens field, the model's cap or 4,096 output tokens.
 */
export async function estimateCommand(
  file: string,
  options: EstimateCommandOptions,
  io: CliIo,
): Promise<void> {
  const prices = await loadPrices(options.prices, io.cwd);
  const catalog = createCatalog(prices === undefined ? {} : { prices });
  const resolved = catalog.resolveOrThrow(options.model, options.provider);
  const prompt = await readPromptFile(file, io.cwd, () => io.readStdin());
  const estimate = await estimateTokens(
    { prompt: prompt.prompt, messages: prompt.messages, tools: prompt.tools },
    { model: options.model, provider: options.provider },
  );
  const [outputTokens, outputSource] =
    options.maxOutput !== undefined
      ? [options.maxOutput, "--max-output"]
      : prompt.maxOutputTokens !== undefined
        ? [prompt.maxOutputTokens, "the file's max tokens"]
        : resolved.maxOutputTokens !== undefined
          ? [resolved.maxOutputTokens, "the model's output cap"]
          : [DEFAULT_MAX_OUTPUT_TOKENS, "default; pass --max-output"];
  const cost = priceUsage(resolved, { inputTokens: estimate.inputTokens, outputTokens }, io.now());
  const lineCost = (kind: string): number =>
    cost.lines
      .filter((line) => line.kind === kind)
      .reduce((sum, line) => sum + line.exactNanoUsd, 0);
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          file,
          provider: resolved.provider,
          model: resolved.model,
          inputTokens: estimate.inputTokens,
          outputTokens,
          outputTokensSource: outputSource,
          worstCaseCostNanoUsd: cost.totalNanoUsd,
          worstCaseCostUsd: cost.totalUsd,
          encoding: estimate.encoding,
          correctionFactor: estimate.correctionFactor,
          priceSource: cost.priceSource,
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const what =
    prompt.messages !== undefined
      ? `${plural(prompt.messages.length, "message")}${prompt.tools ? `, ${plural(prompt.tools.length, "tool")}` : ""}`
      : "plain text";
  const counting = estimate.corrected
    ? `${estimate.encoding} × ${estimate.correctionFactor} for ${estimate.family} models (an estimate)`
    : `${estimate.encoding}, as the model counts`;
  const rows = [
    ["input tokens", estimate.inputTokens.toLocaleString("en-US"), counting],
    ["max output tokens", outputTokens.toLocaleString("en-US"), outputSource],
    [
      "worst-case cost",
      formatUsd(cost.totalNanoUsd),
      `input ${formatUsd(Math.round(lineCost("input")))} + output ${formatUsd(Math.round(lineCost("output")))}`,
    ],
  ];
  const nameWidth = Math.max(...rows.map((row) => (row[0] ?? "").length));
  const valueWidth = Math.max(...rows.map((row) => (row[1] ?? "").length));
  const lines = [
    `${file === STDIN_PATH ? "stdin" : file} (${what}) → ${resolved.provider}:${resolved.model}`,
    ...rows.map(
      ([name, value, note]) =>
        `  ${(name ?? "").padEnd(nameWidth)}  ${(value ?? "").padStart(valueWidth)}  ${note}`,
    ),
    `  prices: ${cost.priceSource}`,
  ];
  io.stdout(`${lines.join("\n")}\n`);
}

const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? "" : "s"}`;

/** Registers `estimate <file|->` on the program. */
export function registerEstimateCommand(program: Command, io: CliIo): void {
  program
    .command("estimate")
    .description("count a prompt's tokens and its worst-case cost on a model")
    .argument(
      "<file>",
      "a file, or - for standard input: plain text, or JSON: an array of messages or a request body { messages, tools, max_tokens }",
    )
    .requiredOption("-m, --model <id>", "model id: gpt-4o, claude-sonnet-4-5, openai/gpt-4o…")
    .option("--provider <name>", "provider as your framework names it")
    .option(
      "--max-output <tokens>",
      "worst-case output tokens (default: the file's, the model's cap, or 4096)",
      parsePositiveInteger,
    )
    .option("--prices <file>", "JSON file of your own prices, USD per 1M tokens")
    .option("--json", "print JSON")
    .action((file: string, options: EstimateCommandOptions) => estimateCommand(file, options, io));
}
