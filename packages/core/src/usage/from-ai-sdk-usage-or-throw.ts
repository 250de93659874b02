import { InvalidUsageError } from "../errors/invalid-usage-error.js";
import { type AiSdkUsageOptions, fromAiSdkUsage } from "./from-ai-sdk-usage.js";
import type { Usage } from "./usage.js";

/**
 * {@link fromAiSdkUsage} for code that needs a `Usage`, such as
 * `calculateCost({ model, usage: fromAiSdkUsageOrThrow(result.usage) })`: the same
 * normalization, but a usage without input and output totals (the provider reported none)
 * throws instead of returning `undefined`.
 *
 * @throws InvalidUsageError when the input or output total is missing, or a count is malformed.
 */
export function fromAiSdkUsageOrThrow(usage: unknown, options?: AiSdkUsageOptions): Usage {
  const normalized = fromAiSdkUsage(usage, options);
  if (normalized !== undefined) return normalized;
  throw new InvalidUsageError({
    field: "usage",
    value: usage,
    message:
      "AI SDK usage has no input or output token total: the provider did not report usage for this call. " +
      "Use fromAiSdkUsage and handle undefined (estimateTokens counts the prompt), " +
      "or let ledgerMiddleware from @tokenledger/ai-sdk price the call: it estimates unreported usage and marks the record estimated.",
  });
}
