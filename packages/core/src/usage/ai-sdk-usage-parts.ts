import { aiSdkProviderFamily } from "./ai-sdk-provider-family.js";
import type { AiSdkUsageOptions } from "./from-ai-sdk-usage.js";
import { fromAnthropicIterations } from "./from-anthropic-iterations.js";
import { readRecord } from "./read-count.js";
import type { UsagePartInput } from "./usage-part.js";

/**
 * The billed parts of an AI SDK call whose usage spans several models or steps (Anthropic
 * `iterations`: advisor sub-calls, compaction, fallback attempts), read from the provider's
 * raw usage: `usage.raw` (spec v3/v4), `providerMetadata.anthropic.usage` (ai@5) or the HTTP
 * body's usage (`options.rawUsage`). The AI SDK's own counts leave the advisor out (ai@7) or
 * price it at the executor's model (ai@5).
 *
 * @returns `undefined` for a single-part call.
 * @throws InvalidUsageError when a count is malformed.
 */
export function aiSdkUsageParts(
  usage: unknown,
  options?: AiSdkUsageOptions,
): UsagePartInput[] | undefined {
  if (aiSdkProviderFamily(options?.provider) !== "anthropic") return undefined;
  const anthropic = readRecord(readRecord(options?.providerMetadata)?.anthropic);
  for (const raw of [readRecord(usage)?.raw, anthropic?.usage, options?.rawUsage]) {
    const parts = fromAnthropicIterations(raw);
    if (parts !== undefined) return parts;
  }
  return undefined;
}
