import { ledgerMiddleware } from "@tokenledger/ai-sdk";
import { BudgetExceededError, type BudgetRule, type Ledger } from "@tokenledger/core";
import { generateText, type LanguageModel, wrapLanguageModel } from "ai";
import { Hono } from "hono";
import { budgetErrorResponse } from "./budget-error-response.js";

const SYSTEM_PROMPT =
  "You are the support assistant of an online shop. Answer questions about orders, delivery, " +
  "returns and refunds politely and briefly. Never promise a refund: say a colleague will " +
  "confirm it. If a question is not about the shop, say you can only help with orders.";

/** What the app needs: the ledger, its budget rules (to map denials to 402/429), a model, a clock. */
export interface AppOptions {
  ledger: Ledger;
  rules: readonly BudgetRule[];
  model: Parameters<typeof wrapLanguageModel>[0]["model"];
  now: () => number;
}

/**
 * A small chat API with per-user budgets:
 * - `POST /chat` `{ prompt, maxOutputTokens? }` with header `x-user-id` → 200 `{ text, usage, costUsd }`,
 *   402 when the user's spend budget is exhausted, 429 when a rate-like limit is hit (see
 *   {@link budgetErrorResponse}); the provider is never called for a refused request.
 * - `GET /budget` with `x-user-id` → every budget that applies to the user.
 */
export function createApp(options: AppOptions): Hono {
  const { ledger, rules, now } = options;
  const model: LanguageModel = wrapLanguageModel({
    model: options.model,
    middleware: ledgerMiddleware(ledger, { context: { feature: "chat-api" } }),
  });
  const app = new Hono();

  app.post("/chat", async (c) => {
    const userId = c.req.header("x-user-id");
    if (!userId)
      return c.json({ error: "missing_user", reason: "Send the x-user-id header." }, 401);
    const body = await c.req.json<{ prompt?: unknown; maxOutputTokens?: unknown }>();
    if (typeof body.prompt !== "string" || body.prompt.length === 0) {
      return c.json({ error: "bad_request", reason: "Body must be { prompt: string }." }, 400);
    }
    const maxOutputTokens = typeof body.maxOutputTokens === "number" ? body.maxOutputTokens : 300;
    try {
      const { result, totals } = await ledger.track(() =>
        ledger.withContext({ userId }, () =>
          generateText({
            model,
            system: SYSTEM_PROMPT,
            prompt: body.prompt as string,
            maxOutputTokens,
            maxRetries: 0,
          }),
        ),
      );
      return c.json({
        text: result.text,
        usage: { inputTokens: totals.promptTokens, outputTokens: totals.completionTokens },
        costUsd: totals.totalCostUsd,
      });
    } catch (error) {
      if (!BudgetExceededError.isInstance(error)) throw error;
      const response = budgetErrorResponse(error, rules, now());
      return c.json(response.body, response.status, response.headers);
    }
  });

  app.get("/budget", async (c) => {
    const userId = c.req.header("x-user-id");
    if (!userId)
      return c.json({ error: "missing_user", reason: "Send the x-user-id header." }, 401);
    const buckets = await ledger.status({ userId });
    return c.json(
      buckets.map((bucket) => ({
        rule: bucket.ruleId,
        limitKind: bucket.limitKind,
        limit: bucket.limitKind === "usd" ? bucket.limit / 1e9 : bucket.limit,
        spent: bucket.limitKind === "usd" ? bucket.spent / 1e9 : bucket.spent,
        resetsAt: bucket.resetsAt?.toISOString() ?? null,
      })),
    );
  });

  return app;
}
