import { type Meter, metrics, trace } from "@opentelemetry/api";
import { InvalidConfigError } from "../errors/invalid-config-error.js";
import type { Ledger, LedgerEvents, UsageRecord } from "../ledger/types.js";
import { type BudgetContexts, registerBudgetGauges } from "./budget-gauges.js";
import { contextAttributes } from "./context-attributes.js";
import { otelNames, tokenUsageBucketBoundaries } from "./otel-names.js";
import { recordMetricAttributes, recordSpanAttributes } from "./record-attributes.js";

/** Options of {@link instrumentLedger}. */
export interface InstrumentLedgerOptions {
  /** Where metrics go. @default metrics.getMeter("@tokenledger/core") (the global provider) */
  meter?: Meter;
  /**
   * Context keys that become metric attributes (`tokenledger.context.<key>`). Each listed key
   * multiplies the series count by its number of values: list `userId` only on purpose.
   * @default ["feature"]
   */
  contextAttributes?: readonly string[];
  /**
   * Contexts whose budgets are reported as gauges, read through `ledger.status()` at each
   * collection. `[]` turns the gauges off. @default [{}] (the rules that apply with no context)
   */
  budgetContexts?: BudgetContexts;
  /** Set each call's usage and cost on the span active when it settles. @default true */
  spanAttributes?: boolean;
}

/** What {@link instrumentLedger} returns. */
export interface LedgerInstrumentation {
  /** Unsubscribe from the ledger and unregister the gauges. Idempotent. */
  close(): void;
}

/**
 * Report a ledger's calls to OpenTelemetry: per call, the GenAI token metrics, the cost
 * (`tokenledger.usage.cost`, USD) and span attributes on the active span (`gen_ai.usage.*`,
 * `gen_ai.usage.cost.*`); refusals as `tokenledger.budget.refusals`; budgets as gauges. Listens
 * to the ledger's events only: nothing is added to the call path beyond a few counter adds.
 *
 * @throws InvalidConfigError when `contextAttributes` is not a list of non-empty strings.
 */
export function instrumentLedger(
  ledger: Ledger,
  options: InstrumentLedgerOptions = {},
): LedgerInstrumentation {
  const allowedKeys = validateKeys(options.contextAttributes ?? ["feature"]);
  const meter = options.meter ?? metrics.getMeter("@tokenledger/core");
  const setSpanAttributes = options.spanAttributes ?? true;

  const tokenUsage = meter.createHistogram(otelNames.tokenUsageHistogram, {
    unit: "{token}",
    description: "Number of input and output tokens used.",
    advice: { explicitBucketBoundaries: [...tokenUsageBucketBoundaries] },
  });
  const counterOf = (name: string, description: string) =>
    meter.createCounter(name, { unit: "{token}", description });
  const inputTokens = counterOf(otelNames.inputTokensCounter, "Input tokens, cached included.");
  const outputTokens = counterOf(
    otelNames.outputTokensCounter,
    "Output tokens, reasoning included.",
  );
  const cacheRead = counterOf(otelNames.cacheReadTokensCounter, "Input tokens read from cache.");
  const cacheWrite = counterOf(otelNames.cacheWriteTokensCounter, "Input tokens written to cache.");
  const reasoning = counterOf(otelNames.reasoningTokensCounter, "Output tokens of reasoning.");
  const cost = meter.createCounter(otelNames.costCounter, {
    unit: "USD",
    description: "Cost of priced calls, computed by tokenledger from its price catalog.",
  });
  const unpriced = meter.createCounter(otelNames.unpricedCallsCounter, {
    unit: "{call}",
    description: "Calls recorded without a price (their cost is not in tokenledger.usage.cost).",
  });
  const refusals = meter.createCounter(otelNames.refusalsCounter, {
    unit: "{call}",
    description: "Calls refused before the provider because a budget could not hold them.",
  });

  const onUsage = ({ record }: LedgerEvents["usage"]): void => {
    recordCall(record);
    if (setSpanAttributes) trace.getActiveSpan()?.setAttributes(recordSpanAttributes(record));
  };
  const recordCall = (record: UsageRecord): void => {
    const attributes = recordMetricAttributes(record, allowedKeys);
    const counted = { ...attributes, [otelNames.tokenModality]: "unknown" };
    const { usage } = record;
    tokenUsage.record(usage.inputTokens, { ...attributes, [otelNames.tokenType]: "input" });
    tokenUsage.record(usage.outputTokens, { ...attributes, [otelNames.tokenType]: "output" });
    inputTokens.add(usage.inputTokens, counted);
    outputTokens.add(usage.outputTokens, counted);
    if (usage.cacheReadTokens) cacheRead.add(usage.cacheReadTokens, counted);
    if (usage.cacheWriteTokens) cacheWrite.add(usage.cacheWriteTokens, counted);
    if (usage.reasoningTokens) reasoning.add(usage.reasoningTokens, counted);
    if (record.priced) cost.add(record.costNanoUsd / 1e9, attributes);
    else unpriced.add(1, attributes);
  };
  const onDenied = ({ error, model, provider, context }: LedgerEvents["denied"]): void => {
    refusals.add(1, {
      [otelNames.budgetRuleId]: error.ruleId,
      [otelNames.budgetLimitKind]: error.denial.limitKind,
      [otelNames.providerName]: provider,
      [otelNames.requestModel]: model,
      ...contextAttributes(context, allowedKeys),
    });
  };

  const unsubscribers = [ledger.on("usage", onUsage), ledger.on("denied", onDenied)];
  const budgetContexts = options.budgetContexts ?? [{}];
  if (typeof budgetContexts === "function" || budgetContexts.length > 0) {
    unsubscribers.push(registerBudgetGauges(ledger, meter, budgetContexts));
  }
  let closed = false;
  return {
    close() {
      if (closed) return;
      closed = true;
      for (const unsubscribe of unsubscribers) unsubscribe();
    },
  };
}

function validateKeys(keys: readonly string[]): readonly string[] {
  if (!Array.isArray(keys) || keys.some((key) => typeof key !== "string" || key.length === 0)) {
    throw new InvalidConfigError({
      message: `instrumentLedger: contextAttributes must be a list of context keys, e.g. ["feature", "teamId"] (got ${JSON.stringify(keys)}).`,
    });
  }
  return [...keys];
}
