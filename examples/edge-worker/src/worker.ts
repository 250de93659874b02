/**
 * A Cloudflare Worker (plain fetch handler) with a per-user budget on an AI SDK model. The
 * hold is taken before the model is called; the settlement and the record are handed to
 * `ctx.waitUntil`, so the response does not wait for the store and the write outlives it.
 *
 * The memory store lives in one isolate: fine for this demo, not for production, where
 * isolates come and go — use a shared store there (see docs/guides/serverless.md).
 */
import { ledgerMiddleware } from "@tokenledger/ai-sdk";
import { BudgetExceededError, createLedger } from "@tokenledger/core";
import { generateText, wrapLanguageModel } from "ai";
import { offlineModel } from "./offline-model.js";

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

const ledger = createLedger({
  budgets: [{ id: "per-user", scope: "userId", window: "day", limit: { usd: 0.001 } }],
  // A request lives seconds: a hold left by a crashed isolate frees itself after 2 minutes.
  holdTtlMs: 120_000,
});

export default {
  async fetch(request: Request, _env: unknown, ctx: ExecutionContext): Promise<Response> {
    const url = new URL(request.url);
    const userId = url.searchParams.get("user") ?? "anonymous";
    if (url.pathname === "/status") {
      return Response.json(await ledger.status({ userId }));
    }
    const model = wrapLanguageModel({
      model: offlineModel(),
      middleware: ledgerMiddleware(ledger, { waitUntil: (promise) => ctx.waitUntil(promise) }),
    });
    try {
      const { text } = await generateText({
        model,
        prompt: url.searchParams.get("q") ?? "Where is my order?",
        maxOutputTokens: 500,
        providerOptions: { tokenledger: { userId } },
      });
      return Response.json({ text });
    } catch (error) {
      if (!BudgetExceededError.isInstance(error)) throw error;
      return Response.json({ error: error.message }, { status: 402 });
    }
  },
};
