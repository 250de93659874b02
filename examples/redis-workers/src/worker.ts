/**
 * One worker process: a ledger on the shared Redis budget, firing 100 concurrent calls that
 * each hold $0.01. Prints how many the budget admitted.
 *
 *   tsx src/worker.ts <redis-url> <worker-name> <run-id>
 */
import { BudgetExceededError, createLedger } from "@tokenledger/core";
import { redisStore } from "@tokenledger/core/redis";
import { Redis } from "ioredis";

const [url = "redis://127.0.0.1:6379", name = "worker", runId = "demo"] = process.argv.slice(2);
const client = new Redis(url, { maxRetriesPerRequest: 1 });

const ledger = createLedger({
  store: redisStore({ client, prefix: `example:redis-workers:${runId}:` }),
  // $10 per 1M input tokens: a call estimated at 1,000 input tokens holds exactly $0.01.
  prices: { "acme:support-bot": { inputMtok: 10, outputMtok: 0 } },
  budgets: [{ id: "team-daily", scope: "teamId", window: "day", limit: { usd: 1 } }],
});

const calls = Array.from({ length: 100 }, async () => {
  const reservation = await ledger.reserve({
    model: "acme:support-bot",
    estimate: { inputTokens: 1_000, outputTokens: 0 },
    context: { teamId: "acme", worker: name },
  });
  // … the provider call would happen here …
  await reservation.settle({ inputTokens: 1_000, outputTokens: 0 });
});
const outcomes = await Promise.allSettled(calls);
const admitted = outcomes.filter((outcome) => outcome.status === "fulfilled").length;
const refused = outcomes.filter(
  (outcome) => outcome.status === "rejected" && BudgetExceededError.isInstance(outcome.reason),
).length;
const failed = outcomes.length - admitted - refused;
if (failed > 0) {
  const reason = outcomes.find((outcome) => outcome.status === "rejected");
  console.error(`${name}: ${failed} calls failed:`, (reason as PromiseRejectedResult).reason);
}
console.log(JSON.stringify({ name, admitted, refused }));
await ledger.close();
client.disconnect();
