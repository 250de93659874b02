/**
 * A Hono chat API with per-user budgets that answers 402 (budget exhausted) and 429 (rate
 * limited) with the reason. It starts on a free port, sends itself a scripted series of
 * requests, prints each answer and exits: offline, in a second or two.
 *
 * The ledger runs on a simulated clock so "a minute later" takes no time; in your app leave
 * `now` out.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type BudgetRule, createLedger } from "@tokenledger/core";
import { createApp } from "./create-app.js";
import { offlineModel } from "./offline-model.js";

const rules: BudgetRule[] = [
  { id: "per-user-rpm", scope: "userId", window: "minute", limit: { requests: 3 } },
  { id: "per-user-daily", scope: "userId", window: "day", limit: { usd: 0.001 } },
];
let nowMs = Date.parse("2026-03-02T09:00:00Z");
const now = (): number => nowMs;
const ledger = createLedger({ budgets: rules, now });
const app = createApp({ ledger, rules, model: offlineModel(), now });

const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise<void>((resolve) => server.once("listening", () => resolve()));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(`chat API with per-user budgets on ${baseUrl} (offline model, simulated clock)`);
console.log(`budgets: ${rules.map((rule) => rule.id).join(", ")}\n`);

/** Sends one request and prints a line: user, status, and the reason or the cost. */
async function chat(userId: string, prompt: string, maxOutputTokens?: number): Promise<number> {
  const response = await fetch(`${baseUrl}/chat`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-user-id": userId },
    body: JSON.stringify({ prompt, maxOutputTokens }),
  });
  const body = (await response.json()) as Record<string, unknown>;
  const clock = new Date(nowMs).toISOString().slice(11, 19);
  const detail =
    response.status === 200
      ? `ok, ${JSON.stringify(body.usage)}, $${(body.costUsd as number).toFixed(6)}`
      : `${body.error} by ${body.rule}, retry after ${response.headers.get("retry-after")} s` +
        ` — ${String(body.reason).split(". ")[0]}.`;
  console.log(`  ${clock} ${userId.padEnd(5)} → ${response.status} ${detail}`);
  return response.status;
}

try {
  console.log("alice sends 4 requests in the same minute (limit: 3 per minute):");
  for (let index = 1; index <= 4; index += 1)
    await chat("alice", `Question ${index} about my order`);

  console.log("\nbob asks for up to 16,000 output tokens (worst case > his $0.001 a day):");
  await chat("bob", "Write me a very long story", 16_000);

  console.log("\nalice keeps asking, 3 a minute, until her daily budget is spent:");
  let status = 200;
  for (let minute = 1; status !== 402 && minute <= 20; minute += 1) {
    nowMs += 60_000;
    for (let index = 0; index < 3 && status !== 402; index += 1) {
      status = await chat("alice", `Follow-up ${minute}.${index} about my order`);
    }
  }

  console.log("\nGET /budget for alice:");
  const budget = await fetch(`${baseUrl}/budget`, { headers: { "x-user-id": "alice" } });
  for (const bucket of (await budget.json()) as Record<string, unknown>[]) {
    console.log(`  ${JSON.stringify(bucket)}`);
  }
} finally {
  server.close();
  await ledger.close();
}
