/**
 * Names this subpath emits. GenAI semantic conventions (status: development) where they name
 * the thing; the open cost proposal's span attributes for cost; `tokenledger.*` for what the
 * conventions do not cover. Why each: docs/decisions/0007-opentelemetry-names.md.
 */
export const otelNames = {
  // Metrics: the GenAI client conventions.
  tokenUsageHistogram: "gen_ai.client.token.usage",
  inputTokensCounter: "gen_ai.client.inference.usage.input_tokens",
  outputTokensCounter: "gen_ai.client.inference.usage.output_tokens",
  cacheReadTokensCounter: "gen_ai.client.inference.usage.cache_read.input_tokens",
  cacheWriteTokensCounter: "gen_ai.client.inference.usage.cache_write.input_tokens",
  reasoningTokensCounter: "gen_ai.client.inference.usage.reasoning.output_tokens",
  // Metrics: ours.
  costCounter: "tokenledger.usage.cost",
  unpricedCallsCounter: "tokenledger.usage.unpriced_calls",
  refusalsCounter: "tokenledger.budget.refusals",
  budgetLimitGauge: "tokenledger.budget.limit",
  budgetSpentGauge: "tokenledger.budget.spent",
  budgetHeldGauge: "tokenledger.budget.held",
  // Attributes on metrics.
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  tokenType: "gen_ai.token.type",
  tokenModality: "gen_ai.token.modality",
  callStatus: "tokenledger.call.status",
  contextPrefix: "tokenledger.context.",
  budgetRuleId: "tokenledger.budget.rule_id",
  budgetWindow: "tokenledger.budget.window",
  budgetScope: "tokenledger.budget.scope",
  budgetScopeValue: "tokenledger.budget.scope_value",
  budgetLimitKind: "tokenledger.budget.limit_kind",
  // Span attributes.
  usageInputTokens: "gen_ai.usage.input_tokens",
  usageOutputTokens: "gen_ai.usage.output_tokens",
  usageCacheReadTokens: "gen_ai.usage.cache_read.input_tokens",
  usageCacheWriteTokens: "gen_ai.usage.cache_creation.input_tokens",
  usageReasoningTokens: "gen_ai.usage.reasoning.output_tokens",
  costAmount: "gen_ai.usage.cost.amount",
  costCurrency: "gen_ai.usage.cost.currency",
  costSource: "gen_ai.usage.cost.source",
  costNanoUsd: "tokenledger.cost.nano_usd",
  priced: "tokenledger.priced",
  estimated: "tokenledger.estimated",
  recordId: "tokenledger.record.id",
} as const;

/** Bucket boundaries the conventions give for `gen_ai.client.token.usage`. */
export const tokenUsageBucketBoundaries: readonly number[] = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
];
