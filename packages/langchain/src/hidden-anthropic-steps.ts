type Bag = Readonly<Record<string, unknown>>;

function asBag(value: unknown): Bag | undefined {
  return value !== null && typeof value === "object" ? (value as Bag) : undefined;
}

/**
 * True when an Anthropic request may run billed steps that only the stream's final
 * `message_delta` reports (`usage.iterations`): an advisor tool (a sub-call on another model)
 * or context management (compaction). `@langchain/anthropic` keeps only `output_tokens` of
 * that event, so a streamed run of such a request cannot be counted exactly by a callback
 * handler; its record is marked estimated.
 */
export function mayHideAnthropicSteps(extraParams: Record<string, unknown> | undefined): boolean {
  const params = asBag(extraParams?.invocation_params);
  if (params === undefined) return false;
  if (params.context_management !== undefined && params.context_management !== null) return true;
  const tools = params.tools;
  if (!Array.isArray(tools)) return false;
  return tools.some((tool) => {
    const type = asBag(tool)?.type;
    return typeof type === "string" && type.startsWith("advisor");
  });
}
