import { mergeUsageMetadata, type UsageMetadata } from "@langchain/core/messages";
import type { Generation, LLMResult } from "@langchain/core/outputs";
import {
  fromAnthropicIterations,
  fromLangChainTokenUsage,
  fromLangChainUsage,
  supplementUsage,
  type Usage,
  type UsagePartInput,
} from "@tokenledger/core";
import { correctStreamedUsage } from "./streamed-usage.js";

/** Where the usage of a finished run came from. */
export type UsageSource =
  /** `generations[i][0].message.usage_metadata`: consistent across providers and paths. */
  | "usage_metadata"
  /** `llmOutput.tokenUsage`: legacy text LLMs and older integrations. */
  | "token_usage"
  /** A legacy text LLM's batch reports the summed usage on its first prompt's run only. */
  | "batch_sibling"
  /** Nothing reported: the ledger estimates from the generated text. */
  | "none";

/** What `handleLLMEnd` learned about one run. */
export interface ResultOutcome {
  usage: Usage | undefined;
  /**
   * The billed steps of a call spanning several models or steps (Anthropic `iterations` in
   * `response_metadata.usage`: advisor, compaction, fallback), each priced at its own model.
   */
  parts?: UsagePartInput[];
  source: UsageSource;
  /** The model id the provider answered with (a dated snapshot), when it says. */
  responseModel: string | undefined;
  /** Everything generated (all choices), to estimate from when no usage was reported. */
  text: string;
  /**
   * The service tier the provider says it ran the call on: `response_metadata.service_tier`
   * (OpenAI), else `response_metadata.usage.service_tier` (Anthropic), else `llmOutput`'s.
   */
  serviceTier?: string;
}

type Bag = Record<string, unknown>;

function asBag(value: unknown): Bag | undefined {
  return value !== null && typeof value === "object" ? (value as Bag) : undefined;
}

function stringAt(bag: Bag | undefined, key: string): string | undefined {
  const value = bag?.[key];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

function usageMetadataOf(generation: Generation | undefined): UsageMetadata | undefined {
  const usage = asBag(asBag(asBag(generation)?.message)?.usage_metadata);
  return usage && typeof usage.input_tokens === "number" ? (usage as UsageMetadata) : undefined;
}

/**
 * The provider's own usage object of a single-prompt run (`response_metadata.usage`, else
 * `llmOutput.usage`): where `@langchain/anthropic` keeps what `usage_metadata` drops (1-hour
 * cache writes, thinking tokens, `iterations`).
 */
function rawUsageOf(
  generations: readonly (readonly Generation[])[],
  llmOutput: Bag | undefined,
): unknown {
  if (generations.length !== 1) return undefined;
  const message = asBag(asBag(generations[0]?.[0])?.message);
  return asBag(message?.response_metadata)?.usage ?? llmOutput?.usage;
}

function responseModelOf(generation: Generation | undefined, llmOutput: Bag | undefined) {
  const message = asBag(asBag(generation)?.message);
  const responseMetadata = asBag(message?.response_metadata);
  return (
    stringAt(responseMetadata, "model_name") ??
    stringAt(responseMetadata, "model") ??
    stringAt(asBag(message?.additional_kwargs), "model") ??
    stringAt(llmOutput, "model_name") ??
    stringAt(llmOutput, "model")
  );
}

function serviceTierOf(generation: Generation | undefined, llmOutput: Bag | undefined) {
  const responseMetadata = asBag(asBag(asBag(generation)?.message)?.response_metadata);
  return (
    stringAt(responseMetadata, "service_tier") ??
    stringAt(asBag(responseMetadata?.usage), "service_tier") ??
    stringAt(llmOutput, "service_tier")
  );
}

function generatedText(generations: readonly (readonly Generation[])[]): string {
  const parts: string[] = [];
  for (const choices of generations) {
    for (const generation of choices) {
      if (generation.text) parts.push(generation.text);
      const toolCalls = asBag(asBag(generation)?.message)?.tool_calls;
      if (Array.isArray(toolCalls) && toolCalls.length > 0) parts.push(JSON.stringify(toolCalls));
    }
  }
  return parts.join("\n");
}

/**
 * Reads usage, answering model and generated text from a `handleLLMEnd` result.
 *
 * Usage is read from `generations[i][0]` only, once per prompt: with `n > 1` every choice
 * carries the whole response's usage. Parts `usage_metadata` drops (Anthropic 1-hour cache
 * writes and thinking tokens, OpenAI cache writes) come from the raw provider usage in
 * `response_metadata.usage` / `llmOutput.usage`. Fallbacks: `llmOutput.tokenUsage`, then nothing (the
 * caller estimates from `text`). `streamedChunks` are the usage chunks seen in
 * `handleLLMNewToken`, used to undo the Anthropic stream over-count.
 */
export function outcomeFromResult(
  output: LLMResult,
  context: {
    provider: string | undefined;
    batchSize: number;
    streamedChunks: readonly UsageMetadata[];
  },
): ResultOutcome {
  const outcome = usageOutcome(output, context);
  const serviceTier = serviceTierOf(output.generations?.[0]?.[0], asBag(output.llmOutput));
  if (serviceTier !== undefined) outcome.serviceTier = serviceTier;
  return outcome;
}

function usageOutcome(
  output: LLMResult,
  context: {
    provider: string | undefined;
    batchSize: number;
    streamedChunks: readonly UsageMetadata[];
  },
): ResultOutcome {
  const generations = output.generations ?? [];
  const llmOutput = asBag(output.llmOutput);
  const text = generatedText(generations);
  const responseModel = responseModelOf(generations[0]?.[0], llmOutput);

  let merged: UsageMetadata | undefined;
  let everyPromptReported = generations.length > 0;
  for (const choices of generations) {
    const usage = usageMetadataOf(choices[0]);
    if (usage) merged = mergeUsageMetadata(merged, usage);
    else everyPromptReported = false;
  }
  if (merged && everyPromptReported) {
    const corrected = correctStreamedUsage(merged, context.streamedChunks, context.provider);
    const usage = fromLangChainUsage(corrected);
    if (usage) {
      const raw = rawUsageOf(generations, llmOutput);
      const outcome: ResultOutcome = {
        usage: supplementUsage(usage, raw),
        source: "usage_metadata",
        responseModel,
        text,
      };
      const parts = fromAnthropicIterations(raw);
      if (parts !== undefined) outcome.parts = parts;
      return outcome;
    }
  }

  const tokenUsage = llmOutput?.tokenUsage ?? llmOutput?.token_usage;
  const usage = fromLangChainTokenUsage(tokenUsage);
  if (usage) return { usage, source: "token_usage", responseModel, text };
  const emptyTokenUsage =
    asBag(tokenUsage) !== undefined && Object.keys(tokenUsage as Bag).length === 0;
  if (emptyTokenUsage && context.batchSize > 1) {
    return {
      usage: { inputTokens: 0, outputTokens: 0 },
      source: "batch_sibling",
      responseModel,
      text,
    };
  }
  return { usage: undefined, source: "none", responseModel, text };
}
