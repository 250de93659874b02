/**
 * Quickstart: price real-world usage exactly, estimate a prompt before sending it, and hold
 * a per-user daily budget — offline, on the embedded price catalog.
 */
import { BudgetExceededError, calculateCost, createLedger } from "@tokenledger/core";

const usd = (nanoUsd: number): string => `$${(nanoUsd / 1e9).toFixed(6)}`;

console.log("1) Exact cost of calls that already happened (integer nano-USD, one rounding)\n");
const calls = [
  {
    label: "gpt-4o, 12k input of which 8k cached, 800 output",
    model: "openai:gpt-4o",
    usage: { inputTokens: 12_000, cacheReadTokens: 8_000, outputTokens: 800 },
  },
  {
    label: "claude-sonnet-4-5, cache read 30k + 5m write 4k + 1h write 2k",
    model: "anthropic:claude-sonnet-4-5",
    usage: {
      inputTokens: 40_000,
      cacheReadTokens: 30_000,
      cacheWriteTokens: 6_000,
      cacheWrite1hTokens: 2_000,
      outputTokens: 1_200,
    },
  },
  {
    label: "gemini-2.5-pro above its 200k tier (the whole request reprices)",
    model: "google:gemini-2.5-pro",
    usage: { inputTokens: 250_000, outputTokens: 2_000, reasoningTokens: 1_500 },
  },
  {
    label: "o3 on 2025-05-01 (before its June price cut)",
    model: "openai:o3",
    usage: { inputTokens: 5_000, outputTokens: 3_000, reasoningTokens: 2_400 },
    at: "2025-05-01T00:00:00Z",
  },
];
for (const call of calls) {
  const cost = calculateCost({ model: call.model, usage: call.usage, at: call.at });
  const lines = cost.lines
    .map((line) => `${line.kind} ${line.tokens}×$${line.nanoUsdPerMtok / 1e9}/M`)
    .join(", ");
  console.log(`  ${call.label}\n    ${usd(cost.totalNanoUsd)}  (${lines})`);
}

console.log("\n2) Estimate before the call, and a $0.05/day budget per user\n");
const ledger = createLedger({
  budgets: [{ id: "per-user-daily", scope: "userId", window: "day", limit: { usd: 0.05 } }],
});
const messages = [
  { role: "system", content: "You are a concise assistant for an online bookshop." },
  { role: "user", content: "Suggest three mystery novels set in Scandinavia, one line each." },
];
const estimate = await ledger.estimate({
  model: "gpt-4o",
  provider: "openai.chat",
  messages,
  maxOutputTokens: 1_000,
});
console.log(
  `  gpt-4o, ${estimate.inputTokens} input tokens + up to ${estimate.outputTokens} output → worst case ${usd(estimate.costNanoUsd ?? 0)}`,
);

for (let call = 1; call <= 6; call++) {
  try {
    const reservation = await ledger.reserve({
      model: "gpt-4o",
      provider: "openai.chat",
      messages,
      maxOutputTokens: 1_000,
      context: { userId: "alice" },
    });
    // …the provider call would happen here; it answered with 950 tokens.
    const record = await reservation.settle({
      inputTokens: estimate.inputTokens,
      outputTokens: 950,
    });
    console.log(`  call ${call}: admitted, settled at ${usd(record.costNanoUsd)}`);
  } catch (error) {
    if (!BudgetExceededError.isInstance(error)) throw error;
    const { denial } = error;
    console.log(
      `  call ${call}: refused before reaching the provider — "${denial.ruleId}": spent ${usd(denial.spent)} + up to ${usd(denial.requested)} > ${usd(denial.limit)}`,
    );
  }
}
const [status] = await ledger.status({ userId: "alice" });
if (status) {
  console.log(
    `\n  alice today: spent ${usd(status.spent)} of ${usd(status.limit)}, remaining ${usd(status.remaining)}`,
  );
}
await ledger.close();
