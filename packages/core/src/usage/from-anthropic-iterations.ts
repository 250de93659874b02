import { fromAnthropicUsage } from "./from-anthropic-usage.js";
import { readRecord } from "./read-count.js";
import type { UsagePartInput } from "./usage-part.js";

/**
 * The billed parts of an Anthropic call from its raw `usage.iterations` (advisor tool,
 * compaction, server-side fallback). Anthropic's top-level `input_tokens`/`output_tokens` do
 * not include the advisor's or the compaction's iterations; what the call is billed is the sum
 * of every iteration, each at the price of the model that ran it (`model`, or the call's own
 * model when absent).
 *
 * @param rawUsage Anthropic's `usage` object (AI SDK `usage.raw` or
 * `providerMetadata.anthropic.usage`, LangChain `response_metadata.usage`).
 * @returns `undefined` when there are no iterations, or one lacks its counts (the caller keeps
 * the top-level usage).
 * @throws InvalidUsageError when a count is malformed.
 */
export function fromAnthropicIterations(rawUsage: unknown): UsagePartInput[] | undefined {
  const iterations = readRecord(rawUsage)?.iterations;
  if (!Array.isArray(iterations) || iterations.length === 0) return undefined;
  const parts: UsagePartInput[] = [];
  for (const entry of iterations) {
    const iteration = readRecord(entry);
    const usage = fromAnthropicUsage(iteration);
    if (iteration === undefined || usage === undefined) return undefined;
    const part: UsagePartInput = { usage };
    if (typeof iteration.model === "string" && iteration.model !== "") part.model = iteration.model;
    if (typeof iteration.type === "string") part.step = iteration.type;
    parts.push(part);
  }
  return parts;
}
