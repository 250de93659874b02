import { InvalidConfigError } from "../errors/invalid-config-error.js";
import { usdToNanoUsd } from "../money/nano-usd.js";
import type { BucketLimits } from "../store/amounts.js";
import { didYouMean, formatPath, type ValidationIssue, validate } from "../validation/index.js";
import { bucketKey } from "./bucket-key.js";
import type {
  BucketPlan,
  BucketPlans,
  BucketsForRequest,
  CompiledBudgetRule,
  CompiledBudgets,
} from "./bucket-plan.js";
import type { BudgetRule } from "./budget-rule.js";
import { budgetRulesCheck } from "./budget-rule-schema.js";
import { createCalendarWindowFinder } from "./calendar-window.js";
import { compilePatterns, type PatternMatcher } from "./model-pattern.js";
import { createZonedClock, type ZonedClock } from "./zoned-clock.js";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** The window part of a plan for one instant. */
interface WindowPart {
  windowKey: string;
  windowStart: number | null;
  resetsAt: number | null;
  expiresAtMs: number | null;
  rollingWindowMs?: number;
}

interface RuleRuntime {
  compiled: CompiledBudgetRule;
  windowAt: (nowMs: number) => WindowPart;
  matchesModel: PatternMatcher | undefined;
  matchesProvider: PatternMatcher | undefined;
}

/** Options of {@link compileBudgetRules}. */
export interface CompileBudgetOptions {
  /** Context keys a rule may scope by (besides `"global"`). @default any key */
  contextKeys?: readonly string[];
}

/**
 * Validates budget rules once and prepares everything the per-call path needs (timezone
 * formatters, pattern matchers, USD limits as nano-USD). Throws {@link InvalidConfigError}
 * naming each bad field and how to fix it, a scope that is not a declared context key included.
 *
 * @example
 * const budgets = compileBudgetRules([{ id: "user-daily", scope: "userId", window: "day", limit: { usd: 5 } }]);
 * budgets.bucketsFor({ context: { userId: "u1" }, model: "gpt-4o", provider: "openai", now: Date.now() });
 */
export function compileBudgetRules(
  rules: unknown,
  options: CompileBudgetOptions = {},
): CompiledBudgets {
  const result = validate(budgetRulesCheck, rules);
  const issues = result.ok ? undeclaredScopes(result.value, options.contextKeys) : [];
  if (!result.ok || issues.length > 0) {
    throw new InvalidConfigError({
      message: formatRuleErrors(result.ok ? issues : result.error.issues, rules),
      cause: result.ok ? undefined : result.error,
    });
  }
  const runtimes = result.value.map((rule) => compileRule(rule));
  const compiledRules = runtimes.map((runtime) => runtime.compiled);
  return {
    rules: compiledRules,
    hasUsdLimits: compiledRules.some((rule) => rule.limits.nanoUsd !== undefined),
    bucketsFor: (request) => bucketsFor(runtimes, request),
  };
}

/** A rule scoping on a key nobody declared would never apply: one issue per such rule. */
function undeclaredScopes(
  rules: readonly BudgetRule[],
  contextKeys: readonly string[] | undefined,
): ValidationIssue[] {
  if (contextKeys === undefined) return [];
  const issues: ValidationIssue[] = [];
  rules.forEach((rule, index) => {
    if (rule.scope === "global" || contextKeys.includes(rule.scope)) return;
    const hint = didYouMean([rule.scope], ["global", ...contextKeys]);
    issues.push({
      path: [index, "scope"],
      message: `scope "${rule.scope}" is not a context key this ledger knows${hint ? `; ${hint}` : ""} (known: "global", ${contextKeys.map((key) => `"${key}"`).join(", ")}). A budget on a key no call carries never applies: fix the spelling, or declare the key with createLedger({ contextKeys: ["${rule.scope}"] })`,
    });
  });
  return issues;
}

/**
 * Zoned clocks by time zone, shared by every ledger of the process: building a zone's
 * `Intl.DateTimeFormat` costs ~0.1 ms, most of `createLedger` with calendar rules, and an app
 * may create a ledger per request or per tenant. A clock holds no state but its formatter;
 * zones are validated IANA names, so the map stays small.
 */
const clocks = new Map<string, ZonedClock>();

function clockFor(timeZone: string): ZonedClock {
  let clock = clocks.get(timeZone);
  if (clock === undefined) {
    clock = createZonedClock(timeZone);
    clocks.set(timeZone, clock);
  }
  return clock;
}

function compileRule(rule: BudgetRule): RuleRuntime {
  const limits: BucketLimits = {};
  if (rule.limit.usd !== undefined) limits.nanoUsd = usdToNanoUsd(rule.limit.usd);
  if (rule.limit.tokens !== undefined) limits.tokens = rule.limit.tokens;
  if (rule.limit.requests !== undefined) limits.requests = rule.limit.requests;
  const timezone = rule.timezone ?? "UTC";
  const thresholds = [...new Set(rule.thresholds ?? [])].sort((left, right) => left - right);
  const compiled: CompiledBudgetRule = {
    rule: Object.freeze({ ...rule }),
    id: rule.id,
    scope: rule.scope,
    limits,
    mode: rule.mode ?? "block",
    timezone,
    thresholds,
  };
  return {
    compiled,
    windowAt: windowResolver(rule, timezone),
    matchesModel: rule.match?.models ? compilePatterns(rule.match.models) : undefined,
    matchesProvider: rule.match?.providers ? compilePatterns(rule.match.providers) : undefined,
  };
}

function windowResolver(rule: BudgetRule, timezone: string): (nowMs: number) => WindowPart {
  const window = rule.window;
  if (window === "total") {
    const part: WindowPart = {
      windowKey: "total",
      windowStart: null,
      resetsAt: null,
      expiresAtMs: null,
    };
    return () => part;
  }
  if (typeof window === "object") {
    const rollingWindowMs = window.rollingMs;
    const graceMs = Math.min(rollingWindowMs, HOUR_MS);
    const windowKey = `rolling:${rollingWindowMs}`;
    return (nowMs) => ({
      windowKey,
      windowStart: nowMs - rollingWindowMs,
      resetsAt: nowMs + rollingWindowMs,
      expiresAtMs: nowMs + rollingWindowMs + graceMs,
      rollingWindowMs,
    });
  }
  // Minutes are the same in every zone; UTC avoids a repeated local minute sharing a key.
  const find = createCalendarWindowFinder(window, clockFor(window === "minute" ? "UTC" : timezone));
  const graceMs = window === "minute" ? MINUTE_MS : HOUR_MS;
  return (nowMs) => {
    const found = find(nowMs);
    return {
      windowKey: found.windowKey,
      windowStart: found.windowStart,
      resetsAt: found.resetsAt,
      expiresAtMs: found.resetsAt + graceMs,
    };
  };
}

function scopeValuesOf(scope: string, context: BucketsForRequest["context"]): readonly string[] {
  if (scope === "global") return ["global"];
  const value = context[scope];
  if (typeof value === "string") return value === "" ? [] : [value];
  if (Array.isArray(value)) {
    // A list (e.g. `tags`): one bucket per distinct non-empty entry.
    return [...new Set(value.filter((entry) => typeof entry === "string" && entry !== ""))];
  }
  return [];
}

function bucketsFor(runtimes: readonly RuleRuntime[], request: BucketsForRequest): BucketPlans {
  const plans: BucketPlan[] = [];
  const unscoped: CompiledBudgetRule[] = [];
  const { model, provider } = request;
  const modelCandidates =
    model === undefined
      ? undefined
      : provider === undefined
        ? [model]
        : [model, `${provider}:${model}`];
  const providerCandidates = provider === undefined ? undefined : [provider];
  for (const runtime of runtimes) {
    if (modelCandidates && runtime.matchesModel && !runtime.matchesModel(modelCandidates)) continue;
    if (
      providerCandidates &&
      runtime.matchesProvider &&
      !runtime.matchesProvider(providerCandidates)
    ) {
      continue;
    }
    const { compiled } = runtime;
    const scopeValues = scopeValuesOf(compiled.scope, request.context);
    if (scopeValues.length === 0) {
      unscoped.push(compiled);
      continue;
    }
    const window = runtime.windowAt(request.now);
    for (const scopeValue of scopeValues) {
      const plan: BucketPlan = {
        ruleId: compiled.id,
        scope: compiled.scope,
        scopeValue,
        key: bucketKey({
          ruleId: compiled.id,
          scope: compiled.scope,
          scopeValue,
          windowKey: window.windowKey,
        }),
        windowKey: window.windowKey,
        limits: compiled.limits,
        mode: compiled.mode,
        thresholds: compiled.thresholds,
        windowStart: window.windowStart,
        resetsAt: window.resetsAt,
        expiresAtMs: window.expiresAtMs,
      };
      if (window.rollingWindowMs !== undefined) plan.rollingWindowMs = window.rollingWindowMs;
      plans.push(plan);
    }
  }
  return { plans, unscoped };
}

/** One line per problem: where (`budgets[0] ("user-daily").limit`), what, and how to fix it. */
function formatRuleErrors(issues: readonly ValidationIssue[], input: unknown): string {
  const lines = issues.map((issue) => {
    const [index, ...rest] = issue.path;
    let where = "budgets";
    if (typeof index === "number") {
      const rule = Array.isArray(input)
        ? (input[index] as { id?: unknown } | undefined)
        : undefined;
      const id = typeof rule?.id === "string" && rule.id !== "" ? ` ("${rule.id}")` : "";
      where += `[${index}]${id}`;
    }
    const restPath = formatPath(rest);
    if (restPath !== "") where += restPath.startsWith("[") ? restPath : `.${restPath}`;
    return `  - ${where}: ${issue.unknownKeys ? unknownKeysProblem(issue) : issue.message}`;
  });
  return `Invalid budget rules:\n${lines.join("\n")}\nEach rule needs { id, scope: "global" | "<context key>", window, limit: { usd? | tokens? | requests? } }.`;
}

/** `unknown key "limits"; check the spelling: did you mean "limit"? (a rule has id, scope, …)` */
function unknownKeysProblem(issue: ValidationIssue): string {
  const keys = issue.unknownKeys ?? [];
  const knownKeys = issue.knownKeys ?? [];
  const last = issue.path.at(-1);
  const owner = typeof last !== "string" ? "a rule" : last === "window" ? "a rolling window" : last;
  const hint = didYouMean(keys, knownKeys);
  return `unknown ${keys.length > 1 ? "keys" : "key"} ${keys.map((key) => `"${key}"`).join(", ")}; check the spelling${hint ? `: ${hint}` : ""} (${owner} has ${knownKeys.join(", ")})`;
}
