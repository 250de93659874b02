/**
 * With OPENAI_API_KEY set, the demo also makes three real calls to OpenAI's gpt-4o-mini through
 * the same middleware, on a ledger of their own (real clock, a $0.01 budget), and prints what
 * each one cost. Not run without a key (and never in CI).
 */
import { ledgerMiddleware } from "@tokenledger/ai-sdk";
import { createLedger } from "@tokenledger/core";
import { generateText, streamText, wrapLanguageModel } from "ai";
import { formatNanoUsd } from "./format.js";

/** Makes the calls and returns one line per call. */
export async function runLiveCalls(): Promise<string[]> {
  const { openai } = await import("@ai-sdk/openai");
  const ledger = createLedger({
    budgets: [{ id: "live-demo", scope: "global", window: "day", limit: { usd: 0.01 } }],
  });
  const lines: string[] = [];
  ledger.on("usage", ({ record }) => {
    const { inputTokens, cacheReadTokens = 0, outputTokens } = record.usage;
    lines.push(
      `  ${record.responseModel ?? record.model}: ${inputTokens} in (${cacheReadTokens} cached) + ` +
        `${outputTokens} out = ${formatNanoUsd(record.costNanoUsd)} [${record.status}${record.estimated ? ", estimated" : ""}]`,
    );
  });
  const model = wrapLanguageModel({
    model: openai("gpt-4o-mini"),
    middleware: ledgerMiddleware(ledger, { context: { feature: "live-demo" } }),
  });
  await generateText({
    model,
    prompt: "Name three uses of a token budget, one line each.",
    maxOutputTokens: 120,
  });
  await generateText({
    model,
    prompt: "Name three uses of a token budget, one line each.",
    maxOutputTokens: 120,
  });
  const stream = streamText({
    model,
    prompt: "Count slowly from one to twenty in words.",
    maxOutputTokens: 200,
  });
  for await (const _ of stream.textStream) {
    // read to the end: the stream is billed when it finishes
  }
  await ledger.close();
  return lines;
}
