/**
 * tokenledger + Vercel AI SDK: every model call counted, priced and held to a budget by one
 * middleware. Runs offline with the AI SDK's mock models; set OPENAI_API_KEY to use OpenAI.
 */
import { openai } from "@ai-sdk/openai";
import { ledgerEmbeddingMiddleware, ledgerMetadata, ledgerMiddleware } from "@tokenledger/ai-sdk";
import { BudgetExceededError, createLedger } from "@tokenledger/core";
import { embedMany, generateText, streamText, wrapEmbeddingModel, wrapLanguageModel } from "ai";
import { offlineChatModel, offlineEmbeddingModel } from "./offline-models.js";

const online = Boolean(process.env.OPENAI_API_KEY);
/** USD with at least 6 decimals, up to 9 (costs are exact to the nano-USD). */
const usd = (nanoUsd: number): string =>
  `$${(nanoUsd / 1e9).toFixed(9).replace(/(\.\d{6}\d*?)0+$/, "$1")}`;

// 1. One ledger: prices from the built-in catalog, a $0.01/day budget per user.
const ledger = createLedger({
  budgets: [{ id: "per-user-daily", scope: "userId", window: "day", limit: { usd: 0.01 } }],
});
ledger.on("usage", ({ record }) => {
  const { inputTokens, cacheReadTokens = 0, outputTokens } = record.usage;
  console.log(
    `  → ${record.kind} ${record.responseModel ?? record.model}: ${inputTokens} in (${cacheReadTokens} cached) + ${outputTokens} out = ${usd(record.costNanoUsd)}` +
      ` [${record.status}${record.estimated ? ", estimated" : ""}] user=${record.context.userId}`,
  );
});

// 2. Wrap the models once; every call through them is counted.
const model = wrapLanguageModel({
  model: online ? openai("gpt-4o-mini") : offlineChatModel(),
  middleware: ledgerMiddleware(ledger, { context: { feature: "book-suggestions" } }),
});
const embedder = wrapEmbeddingModel({
  model: online ? openai.embedding("text-embedding-3-small") : offlineEmbeddingModel(),
  middleware: ledgerEmbeddingMiddleware(ledger, { context: { feature: "search" } }),
});
const prompt = "Suggest three mystery novels set in Scandinavia, one line each.";
console.log(`tokenledger × AI SDK (${online ? "OpenAI" : "offline mock models"})\n`);

const { totals } = await ledger.track(async () => {
  console.log("generateText, user u-1 (per-call context through providerOptions):");
  const result = await generateText({
    model,
    prompt,
    providerOptions: { tokenledger: { userId: "u-1" } },
  });
  // The cost is on the result too, no event needed (providerMetadata.tokenledger).
  const cost = ledgerMetadata(result);
  console.log(
    `  result: ${cost?.costUsd} USD (${cost?.costNanoUsd} nano-USD), record ${cost?.recordId}`,
  );

  console.log(
    "streamText, user u-1, aborted after 5 words (billed, estimated from the words seen):",
  );
  const controller = new AbortController();
  const stream = streamText({
    model,
    prompt,
    abortSignal: controller.signal,
    providerOptions: { tokenledger: { userId: "u-1" } },
  });
  let words = 0;
  for await (const part of stream.fullStream) {
    if (part.type === "text-delta" && ++words === 5) controller.abort();
  }

  console.log("embedMany, 3 titles (one record per provider call):");
  await ledger.withContext({ userId: "u-1" }, () =>
    embedMany({
      model: embedder,
      values: ["The Snowman", "Faceless Killers", "Smilla's Sense of Snow"],
    }),
  );

  console.log("generateText, user u-2 asking for up to 100k output tokens:");
  try {
    await generateText({
      model,
      prompt,
      maxOutputTokens: 100_000,
      providerOptions: { tokenledger: { userId: "u-2" } },
    });
  } catch (error) {
    if (!BudgetExceededError.isInstance(error)) throw error;
    console.log(`  ✗ refused before the provider was called: ${error.message.split(". ")[0]}.`);
  }
});

console.log(
  `\nSpent ${usd(totals.totalCostNanoUsd)} on ${totals.successfulRequests} calls ` +
    `(${totals.promptTokens} prompt, ${totals.completionTokens} completion, ${totals.embeddingTokens} embedding tokens).`,
);
for (const bucket of await ledger.status({ userId: "u-1" })) {
  console.log(
    `Budget ${bucket.ruleId} for u-1: spent ${usd(bucket.spent)} of ${usd(bucket.limit)}, held ${usd(bucket.held)}.`,
  );
}
await ledger.close();
