import {
  arrayOf,
  type Check,
  describeValue,
  INVALID,
  integer,
  number,
  objectOf,
  oneOf,
  optional,
  refine,
  string,
  union,
} from "../validation/index.js";
import type { BudgetRule } from "./budget-rule.js";
import { isValidTimeZone } from "./is-valid-time-zone.js";

const CALENDAR_WINDOWS = ["minute", "hour", "day", "week", "month", "total"] as const;

/** Smallest rolling window: below a second, clocks of two hosts disagree more than the window. */
export const MIN_ROLLING_WINDOW_MS = 1000;

const SCOPE_MESSAGE = 'scope must be "global" or a context key such as "userId"';
const THRESHOLD_MESSAGE = "each threshold must be a fraction in (0, 1], e.g. 0.8 for 80%";

const nonEmpty = (text: string): boolean => text !== "";

/**
 * Largest limits: every store keeps them exactly ($1e9 is 1e18 nano-USD, below 2^63). Far past
 * any real budget; a larger number is a unit mistake (nano-USD given as USD).
 */
export const MAX_LIMIT = { usd: 1e9, tokens: 1e15, requests: 1e15 } as const;

const positiveLimit = (what: keyof typeof MAX_LIMIT): Check<number> =>
  refine(
    refine(
      number({
        message: (value) => `${what} must be a positive finite number, got ${describeValue(value)}`,
      }),
      (value) => value > 0,
      `${what} must be a positive finite number (remove it to have no ${what} limit)`,
    ),
    (value) => value <= MAX_LIMIT[what],
    (value) =>
      `${what} must be at most ${MAX_LIMIT[what].toLocaleString("en-US")}, got ${value.toLocaleString("en-US")}${what === "usd" ? " (limits are in dollars, not nano-USD)" : ""}`,
  );

const positiveIntegerLimit = (what: "tokens" | "requests"): Check<number> =>
  refine(positiveLimit(what), Number.isInteger, `${what} must be a whole number`);

const patternList = (what: string): Check<string[]> =>
  refine(
    arrayOf(
      refine(
        string(`${what} patterns must be non-empty strings`),
        nonEmpty,
        `${what} patterns must be non-empty strings`,
      ),
      (value) =>
        `match.${what} must be a list of patterns such as ["gpt-4o*"], got ${describeValue(value)}`,
    ),
    (patterns) => patterns.length > 0,
    `match.${what} must list at least one pattern (or be removed)`,
  );

const windowCheck = union(
  [
    oneOf(CALENDAR_WINDOWS),
    objectOf({
      rollingMs: refine(
        integer({ message: "rollingMs must be a whole number of milliseconds" }),
        (value) => value >= MIN_ROLLING_WINDOW_MS,
        `rollingMs must be at least ${MIN_ROLLING_WINDOW_MS} (one second)`,
      ),
    }),
  ],
  `window must be one of ${CALENDAR_WINDOWS.map((name) => `"${name}"`).join(", ")} or { rollingMs: number }`,
);

const limitCheck = refine(
  objectOf(
    {
      usd: optional(positiveLimit("usd")),
      tokens: optional(positiveIntegerLimit("tokens")),
      requests: optional(positiveIntegerLimit("requests")),
    },
    { message: (value) => `limit must be an object like { usd: 5 }, got ${describeValue(value)}` },
  ),
  (limit) => limit.usd !== undefined || limit.tokens !== undefined || limit.requests !== undefined,
  "limit needs at least one of usd, tokens, requests",
);

const ruleCheck: Check<BudgetRule> = objectOf(
  {
    id: refine(string("id must be a string"), nonEmpty, "id must not be empty"),
    scope: refine(string(SCOPE_MESSAGE), nonEmpty, SCOPE_MESSAGE),
    window: windowCheck,
    limit: limitCheck,
    timezone: optional(
      refine(
        string((value) => `timezone must be a string such as "UTC", got ${describeValue(value)}`),
        isValidTimeZone,
        (timezone) =>
          `timezone ${JSON.stringify(timezone)} is not an IANA timezone; use e.g. "UTC" or "America/Los_Angeles"`,
      ),
    ),
    mode: optional(oneOf(["block", "warn"], 'mode must be "block" or "warn"')),
    thresholds: optional(
      arrayOf(
        refine(
          number({ message: THRESHOLD_MESSAGE }),
          (value) => value > 0 && value <= 1,
          THRESHOLD_MESSAGE,
        ),
        (value) =>
          `thresholds must be a list of fractions such as [0.8, 1], got ${describeValue(value)}`,
      ),
    ),
    match: optional(
      objectOf(
        { models: optional(patternList("models")), providers: optional(patternList("providers")) },
        {
          message: (value) =>
            `match must be an object like { models: ["gpt-4o*"] }, got ${describeValue(value)}`,
        },
      ),
    ),
  },
  {
    message: (value) =>
      `each rule must be an object like { id: "user-daily", scope: "userId", window: "day", limit: { usd: 5 } }, got ${describeValue(value)}`,
  },
);

const ruleListCheck = arrayOf(ruleCheck, "budgets must be an array of rules");

/**
 * Checks a list of budget rules (each rule's fields, ids unique). Used once per ledger, at
 * compile time.
 */
export const budgetRulesCheck: Check<BudgetRule[]> = (value, path, issues) => {
  const rules = ruleListCheck(value, path, issues);
  if (rules === INVALID) return INVALID;
  const seen = new Set<string>();
  let valid = true;
  rules.forEach((rule, index) => {
    if (seen.has(rule.id)) {
      valid = false;
      issues.push({
        path: [...path, index, "id"],
        message: `duplicate rule id "${rule.id}"; every rule needs its own id (it is part of the bucket key)`,
      });
    }
    seen.add(rule.id);
  });
  return valid ? rules : INVALID;
};
