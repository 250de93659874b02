/** Where a provider or gateway may report what it billed for a call. */
export interface ReportedCostSources {
  /** AI SDK `providerMetadata` (`gateway.cost`, `openrouter.usage.cost`). */
  providerMetadata?: Readonly<Record<string, unknown>> | undefined;
  /** Response headers (`x-litellm-response-cost` from a LiteLLM proxy). */
  headers?: Readonly<Record<string, string | undefined>> | undefined;
}

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;

/** A USD amount given as a number or a decimal string, when finite and ≥ 0. */
function usdAmount(value: unknown): number | undefined {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) && number >= 0 ? number : undefined;
}

/**
 * The cost (USD) a provider or gateway reported for a call: the Vercel AI Gateway's
 * `providerMetadata.gateway.cost`, OpenRouter's `providerMetadata.openrouter.usage.cost`, or a
 * LiteLLM proxy's `x-litellm-response-cost` header; `undefined` when none reported one.
 */
export function readReportedCostUsd(sources: ReportedCostSources): number | undefined {
  const metadata = sources.providerMetadata;
  const gateway = usdAmount(asRecord(metadata?.gateway)?.cost);
  if (gateway !== undefined) return gateway;
  const openRouter = usdAmount(asRecord(asRecord(metadata?.openrouter)?.usage)?.cost);
  if (openRouter !== undefined) return openRouter;
  const headers = sources.headers;
  if (headers === undefined) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === "x-litellm-response-cost") return usdAmount(value);
  }
  return undefined;
}
