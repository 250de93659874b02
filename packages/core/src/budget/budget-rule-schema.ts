import { z } from "zod";
import type { BudgetRule } from "./budget-rule.js";
import { isValidTimeZone } from "./is-valid-time-zone.js";

const CALENDAR_WINDOWS = ["minute", "hour", "day", "week", "month", "total"] as const;

/** Smallest rolling window: below a second, clocks of two hosts disagree more than the window. */
export const MIN_ROLLING_WINDOW_MS = 1000;

const positiveLimit = (what: string) =>
  z
    .number({
      error: (issue) =>
        `${what} must be a positive finite number, got ${typeof issue.input === "number" ? String(issue.input) : JSON.stringify(issue.input)}`,
    })
    .refine((value) => Number.isFinite(value) && value > 0, {
      error: `${what} must be a positive finite number (remove it to have no ${what} limit)`,
    });

const positiveIntegerLimit = (what: string) =>
  positiveLimit(what).refine((value) => Number.isSafeInteger(value), {
    error: `${what} must be a whole number`,
  });

const patternList = (what: string) =>
  z
    .array(z.string().min(1, { error: `${what} patterns must be non-empty strings` }))
    .min(1, { error: `match.${what} must list at least one pattern (or be removed)` });

function buildBudgetRulesSchema(): z.ZodType<BudgetRule[]> {
  const windowSchema = z.union(
    [
      z.enum(CALENDAR_WINDOWS),
      z.strictObject({
        rollingMs: z
          .number()
          .int({ error: "rollingMs must be a whole number of milliseconds" })
          .min(MIN_ROLLING_WINDOW_MS, {
            error: `rollingMs must be at least ${MIN_ROLLING_WINDOW_MS} (one second)`,
          }),
      }),
    ],
    {
      error: `window must be one of ${CALENDAR_WINDOWS.map((name) => `"${name}"`).join(", ")} or { rollingMs: number }`,
    },
  );

  const ruleSchema = z.strictObject({
    id: z.string({ error: "id must be a string" }).min(1, { error: "id must not be empty" }),
    scope: z
      .string({ error: 'scope must be "global" or a context key such as "userId"' })
      .min(1, { error: 'scope must be "global" or a context key such as "userId"' }),
    window: windowSchema,
    limit: z
      .strictObject({
        usd: positiveLimit("usd").optional(),
        tokens: positiveIntegerLimit("tokens").optional(),
        requests: positiveIntegerLimit("requests").optional(),
      })
      .refine(
        (limit) =>
          limit.usd !== undefined || limit.tokens !== undefined || limit.requests !== undefined,
        { error: "limit needs at least one of usd, tokens, requests" },
      ),
    timezone: z
      .string()
      .refine(isValidTimeZone, {
        error: (issue) =>
          `timezone ${JSON.stringify(issue.input)} is not an IANA timezone; use e.g. "UTC" or "America/Los_Angeles"`,
      })
      .optional(),
    mode: z.enum(["block", "warn"], { error: 'mode must be "block" or "warn"' }).optional(),
    thresholds: z
      .array(
        z.number().refine((value) => Number.isFinite(value) && value > 0 && value <= 1, {
          error: "each threshold must be a fraction in (0, 1], e.g. 0.8 for 80%",
        }),
      )
      .optional(),
    match: z
      .strictObject({
        models: patternList("models").optional(),
        providers: patternList("providers").optional(),
      })
      .optional(),
  });
  return z
    .array(ruleSchema, { error: "budgets must be an array of rules" })
    .superRefine((rules, context) => {
      const seen = new Set<string>();
      rules.forEach((rule, index) => {
        if (seen.has(rule.id)) {
          context.addIssue({
            code: "custom",
            path: [index, "id"],
            message: `duplicate rule id "${rule.id}"; every rule needs its own id (it is part of the bucket key)`,
          });
        }
        seen.add(rule.id);
      });
    });
}

let budgetRules: z.ZodType<BudgetRule[]> | undefined;

/**
 * Zod schema of a list of budget rules (ids unique). Used once per ledger, at compile time, and
 * built on first use: constructing zod schemas at import would cost every importer.
 */
export function budgetRulesSchema(): z.ZodType<BudgetRule[]> {
  budgetRules ??= buildBudgetRulesSchema();
  return budgetRules;
}
