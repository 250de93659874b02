import type { Attributes } from "@opentelemetry/api";
import type { UsageRecord } from "../ledger/types.js";
import { contextAttributes } from "./context-attributes.js";
import { otelNames } from "./otel-names.js";

/** The attributes every per-call metric point of `record` carries (bounded by the allow-list). */
export function recordMetricAttributes(
  record: UsageRecord,
  allowedKeys: readonly string[],
): Attributes {
  return {
    [otelNames.operationName]: record.kind === "embedding" ? "embeddings" : "chat",
    [otelNames.providerName]: record.provider,
    [otelNames.requestModel]: record.requestedModel,
    [otelNames.responseModel]: record.responseModel ?? record.model,
    [otelNames.callStatus]: record.status,
    ...contextAttributes(record.context, allowedKeys),
  };
}

/**
 * The call's usage and cost as span attributes (GenAI `gen_ai.usage.*`, the proposed
 * `gen_ai.usage.cost.*`, and the exact `tokenledger.cost.nano_usd`). Parts are set only when the
 * record has them; cost only when the call was priced.
 */
export function recordSpanAttributes(record: UsageRecord): Attributes {
  const { usage } = record;
  const attributes: Attributes = {
    [otelNames.usageInputTokens]: usage.inputTokens,
    [otelNames.usageOutputTokens]: usage.outputTokens,
    [otelNames.priced]: record.priced,
    [otelNames.estimated]: record.estimated,
    [otelNames.recordId]: record.id,
  };
  if (usage.cacheReadTokens !== undefined) {
    attributes[otelNames.usageCacheReadTokens] = usage.cacheReadTokens;
  }
  if (usage.cacheWriteTokens !== undefined) {
    attributes[otelNames.usageCacheWriteTokens] = usage.cacheWriteTokens;
  }
  if (usage.reasoningTokens !== undefined) {
    attributes[otelNames.usageReasoningTokens] = usage.reasoningTokens;
  }
  if (record.priced) {
    attributes[otelNames.costAmount] = record.costNanoUsd / 1e9;
    attributes[otelNames.costCurrency] = "USD";
    attributes[otelNames.costSource] = "local";
    attributes[otelNames.costNanoUsd] = record.costNanoUsd;
  }
  return attributes;
}
