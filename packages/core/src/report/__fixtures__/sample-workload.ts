import type { BudgetRule } from "../../budget/budget-rule.js";
import { BudgetExceededError } from "../../errors/budget-exceeded-error.js";
import { createLedger } from "../../ledger/create-ledger.js";
import type { BudgetStore } from "../../store/store.js";

/** Budgets of the sample workload. */
export const SAMPLE_BUDGETS: BudgetRule[] = [
  { id: "org-daily", scope: "global", window: "day", limit: { usd: 3 }, thresholds: [0.5, 0.8, 1] },
  {
    id: "user-daily",
    scope: "userId",
    window: "day",
    limit: { usd: 0.6 },
    thresholds: [0.8],
    mode: "warn",
  },
  { id: "team-hourly-calls", scope: "teamId", window: "hour", limit: { requests: 40 } },
];

/** The instant the sample workload ends (reports are read here). */
export const SAMPLE_END_ISO = "2026-11-22T15:30:00.000Z";

const SYSTEM_PROMPT = `You are the support assistant of Acme Corp. ${"Follow the policy handbook exactly. ".repeat(260)}`;

/** A small deterministic generator (LCG) so the workload is the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Writes a realistic three-day workload into `store` through a ledger with
 * {@link SAMPLE_BUDGETS}: four users in two teams, chat/summarize/classify features on four
 * models, a long uncached system prompt, repeated FAQ prompts, oversized holds, failed and
 * aborted calls. Deterministic.
 */
export async function seedSampleWorkload(store: BudgetStore): Promise<{ denied: number }> {
  const next = random(42);
  let nowMs = Date.parse("2026-11-20T08:00:00.000Z");
  const endMs = Date.parse(SAMPLE_END_ISO);
  const ledger = createLedger({
    store,
    budgets: SAMPLE_BUDGETS,
    now: () => nowMs,
    failMode: "open",
  });
  const users = [
    { userId: "alice", teamId: "growth" },
    { userId: "bob", teamId: "growth" },
    { userId: "carol", teamId: "platform" },
    { userId: "dave", teamId: "platform" },
  ];
  const faq = ["How do I reset my password?", "What is the refund policy?", "Where is my order?"];
  let index = 0;
  let denied = 0;
  while (nowMs < endMs) {
    const user = users[Math.floor(next() * users.length)] ?? { userId: "alice", teamId: "growth" };
    const roll = next();
    index++;
    try {
      await oneCall(roll, user);
    } catch (error) {
      if (!BudgetExceededError.isInstance(error)) throw error;
      denied++;
    }
    const busy = new Date(nowMs).getUTCHours() >= 8 && new Date(nowMs).getUTCHours() < 19;
    nowMs += Math.floor((busy ? 90_000 : 900_000) * (0.3 + next()));
  }
  return { denied };

  async function oneCall(roll: number, user: { userId: string; teamId: string }): Promise<void> {
    if (roll < 0.35) {
      // Support chat on Claude with the long system prompt, never cached.
      const question =
        next() < 0.5 ? (faq[Math.floor(next() * faq.length)] ?? "") : `Question ${index}`;
      const reservation = await ledger.reserve({
        model: "claude-sonnet-4-5",
        provider: "anthropic.messages",
        context: { ...user, feature: "chat" },
        messages: [
          { role: "system", content: SYSTEM_PROMPT },
          { role: "user", content: question },
        ],
        maxOutputTokens: 1024,
      });
      const outputTokens = 120 + Math.floor(next() * 300);
      if (next() < 0.05) {
        await reservation.settle(
          { inputTokens: 1950, outputTokens: 40 },
          { status: "aborted", estimated: true },
        );
      } else {
        await reservation.settle({ inputTokens: 1950, outputTokens });
      }
    } else if (roll < 0.6) {
      // Summaries on gpt-4o with a far too large maxOutputTokens.
      const reservation = await ledger.reserve({
        model: "gpt-4o",
        provider: "openai.responses",
        context: { ...user, feature: "summarize" },
        messages: [{ role: "user", content: `Summarize document ${index}` }],
        maxOutputTokens: 8000,
      });
      if (next() < 0.06) {
        await reservation.settle({ inputTokens: 3000, outputTokens: 0 }, { status: "error" });
      } else {
        await reservation.settle({
          inputTokens: 2500 + Math.floor(next() * 2000),
          cacheReadTokens: next() < 0.3 ? 1024 : 0,
          outputTokens: 200 + Math.floor(next() * 250),
        });
      }
    } else if (roll < 0.85) {
      // Classification on gpt-4o: a few output tokens on an expensive model.
      const reservation = await ledger.reserve({
        model: "gpt-4o",
        provider: "openai.chat",
        context: { ...user, feature: "classify" },
        messages: [{ role: "user", content: `Label ticket ${index % 40}` }],
        maxOutputTokens: 16,
      });
      await reservation.settle({ inputTokens: 600, outputTokens: 3 + Math.floor(next() * 6) });
    } else {
      await ledger.record({
        model: "gpt-4o-mini",
        provider: "openai.chat",
        context: { ...user, feature: "autocomplete" },
        usage: {
          inputTokens: 300 + Math.floor(next() * 200),
          outputTokens: 20 + Math.floor(next() * 40),
        },
      });
    }
  }
}
