import type { Serialized } from "@langchain/core/load/serializable";

/** What a model run says about itself when it starts. */
export interface ModelFromStart {
  /** Model id to price the call as (configured name, not the dated snapshot). */
  model: string;
  /**
   * Where `model` came from: the run named it (`run`), the handler's `defaultModel`, or the
   * model's class name (`class`: a model that does not name itself, such as a fake).
   */
  modelSource: "run" | "defaultModel" | "class";
  /** `ls_provider` (`openai`, `anthropic`, …), or the handler's `defaultProvider`. */
  provider: string | undefined;
  /** Worst-case output tokens the call may produce, when the run says. */
  maxOutputTokens: number | undefined;
  /** Tool definitions sent with the call (counted in the estimate). */
  tools: readonly unknown[] | undefined;
  /** How many prompts the model was called with at once (legacy text LLMs split usage). */
  batchSize: number;
  /** The service tier asked for (`invocation_params.service_tier`: `flex`, `priority`, …). */
  serviceTier: string | undefined;
}

/** Fallbacks for models that name neither themselves nor their provider (custom models, fakes). */
export interface ModelDefaults {
  defaultModel?: string | undefined;
  defaultProvider?: string | undefined;
}

type Bag = Record<string, unknown>;

function asBag(value: unknown): Bag | undefined {
  return value !== null && typeof value === "object" ? (value as Bag) : undefined;
}

function firstString(bag: Bag | undefined, keys: readonly string[]): string | undefined {
  if (!bag) return undefined;
  for (const key of keys) {
    const value = bag[key];
    if (typeof value === "string" && value.length > 0) return value;
  }
  return undefined;
}

function firstPositiveInteger(bag: Bag | undefined, keys: readonly string[]): number | undefined {
  if (!bag) return undefined;
  for (const key of keys) {
    const value = bag[key];
    if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}

// LangSmith's lookup order for the model name, then the camelCase spellings some integrations use.
const invocationModelKeys = [
  "model",
  "model_name",
  "modelName",
  "model_id",
  "modelId",
  "model_path",
  "endpoint_name",
];
const invocationMaxTokensKeys = [
  "max_tokens",
  "max_completion_tokens",
  "max_output_tokens",
  "maxTokens",
  "maxOutputTokens",
  "num_predict",
];

/**
 * Reads model, provider and worst-case output from `handleChatModelStart`/`handleLLMStart`
 * arguments: `metadata.ls_model_name` → `invocation_params.model`/`model_name`/… → the
 * serialized constructor fields → `defaultModel` → the model class name (which the ledger
 * then treats as an unknown model, never as free). The provider is `ls_provider`, except
 * for unnamed models, where `defaultProvider` wins over LangChain's class-name default.
 */
export function modelFromStart(
  llm: Serialized | undefined,
  extraParams: Record<string, unknown> | undefined,
  metadata: Record<string, unknown> | undefined,
  defaults: ModelDefaults,
): ModelFromStart {
  const invocation = asBag(extraParams?.invocation_params);
  const kwargs = asBag(asBag(llm)?.kwargs);
  const named =
    firstString(metadata, ["ls_model_name"]) ??
    firstString(invocation, invocationModelKeys) ??
    firstString(kwargs, ["model", "model_name", "modelName"]);
  const lsProvider = firstString(metadata, ["ls_provider"]);
  const className = Array.isArray(llm?.id) ? llm.id.at(-1) : undefined;
  // A model that does not name itself does not name its provider either: its `ls_provider`
  // is LangChain's default, the class name (`FakeBuiltModel`).
  const model =
    named ??
    defaults.defaultModel ??
    (typeof className === "string" ? className : "unknown-langchain-model");
  const provider = named
    ? (lsProvider ?? defaults.defaultProvider)
    : (defaults.defaultProvider ?? lsProvider);
  const maxOutputTokens =
    firstPositiveInteger(metadata, ["ls_max_tokens"]) ??
    firstPositiveInteger(invocation, invocationMaxTokensKeys);
  const tools = invocation?.tools;
  const batchSize = extraParams?.batch_size;
  const modelSource =
    named !== undefined ? "run" : defaults.defaultModel !== undefined ? "defaultModel" : "class";
  return {
    model,
    modelSource,
    provider,
    maxOutputTokens,
    tools: Array.isArray(tools) && tools.length > 0 ? tools : undefined,
    batchSize: typeof batchSize === "number" && batchSize > 0 ? batchSize : 1,
    serviceTier: firstString(invocation, ["service_tier", "serviceTier"]),
  };
}
