/**
 * Readers for the loosely typed values a model returns (generate results, stream parts,
 * provider metadata). They never throw: a missing or odd field reads as `undefined`.
 */

type Loose = Readonly<Record<string, unknown>>;

function asRecord(value: unknown): Loose | undefined {
  return typeof value === "object" && value !== null ? (value as Loose) : undefined;
}

/** `response.modelId` of a generate result: the dated snapshot the provider answered with. */
export function readResponseModelId(result: unknown): string | undefined {
  const modelId = asRecord(asRecord(result)?.response)?.modelId;
  return typeof modelId === "string" && modelId.length > 0 ? modelId : undefined;
}

/**
 * The provider's own usage object in a generate result's HTTP body (`response.body.usage`, or
 * Gemini's `response.body.usageMetadata`): the billed counts before the provider package maps
 * (and sometimes drops) them.
 */
export function readResponseBodyUsage(result: unknown): unknown {
  const body = asRecord(asRecord(asRecord(result)?.response)?.body);
  return body?.usage ?? body?.usageMetadata;
}

/** `providerMetadata` of a generate result or `finish` part. */
export function readProviderMetadata(value: unknown): Loose | undefined {
  return asRecord(asRecord(value)?.providerMetadata);
}

/** The unified finish reason: a string in spec v2, `{ unified, raw }` in v3/v4. */
export function readFinishReason(value: unknown): string | undefined {
  const reason = asRecord(value)?.finishReason;
  if (typeof reason === "string") return reason;
  const unified = asRecord(reason)?.unified;
  return typeof unified === "string" ? unified : undefined;
}

/**
 * The AI Gateway's own cost for the call, USD, from `providerMetadata.gateway.cost` (a decimal
 * string such as `"0.000056"`; undocumented, so anything not a finite non-negative number is
 * ignored).
 */
export function readGatewayCostUsd(providerMetadata: Loose | undefined): number | undefined {
  const cost = asRecord(providerMetadata?.gateway)?.cost;
  const value = typeof cost === "string" && cost.trim() !== "" ? Number(cost) : cost;
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** The AI Gateway's generation id, to look the call up in the gateway's own reports. */
export function readGatewayGenerationId(providerMetadata: Loose | undefined): string | undefined {
  const id = asRecord(providerMetadata?.gateway)?.generationId;
  return typeof id === "string" ? id : undefined;
}

/** The text a generate result produced (text, reasoning and tool-call inputs), to estimate from. */
export function readGeneratedText(result: unknown): string {
  const content = asRecord(result)?.content;
  if (!Array.isArray(content)) return "";
  const pieces: string[] = [];
  for (const item of content) {
    const part = asRecord(item);
    if (part === undefined) continue;
    if ((part.type === "text" || part.type === "reasoning") && typeof part.text === "string") {
      pieces.push(part.text);
    } else if (part.type === "tool-call" && typeof part.input === "string") {
      pieces.push(part.input);
    }
  }
  return pieces.join("");
}
