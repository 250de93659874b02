/**
 * Builds spec-native generate results and stream parts (plain objects) from the neutral test
 * descriptions: flat usage and string finish reasons for spec v2, nested usage and
 * `{ unified, raw }` for v3/v4. Each major's facade casts them to its own types.
 */
import type { MockGenerateOutcome, MockStreamOutcome, NeutralUsage } from "./ai-major.js";

type Spec = "v2" | "v3" | "v4";
type Plain = Record<string, unknown>;

/** `usage` as a model of `spec` reports it (every count undefined when `usage` is). */
export function nativeUsage(spec: Spec, usage: NeutralUsage | undefined): Plain {
  if (spec === "v2") {
    if (usage === undefined) {
      return { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined };
    }
    const cacheWrite = usage.cacheWrite ?? 0;
    const cacheRead = usage.cacheRead ?? 0;
    // Anthropic's v2 provider reports input without cache reads and writes.
    const inputTokens = usage.anthropic ? usage.input - cacheRead - cacheWrite : usage.input;
    return {
      inputTokens,
      outputTokens: usage.output,
      totalTokens: inputTokens + usage.output,
      ...(usage.cacheRead === undefined ? {} : { cachedInputTokens: usage.cacheRead }),
      ...(usage.reasoning === undefined ? {} : { reasoningTokens: usage.reasoning }),
    };
  }
  if (usage === undefined) {
    return {
      inputTokens: {
        total: undefined,
        noCache: undefined,
        cacheRead: undefined,
        cacheWrite: undefined,
      },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
    };
  }
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;
  return {
    inputTokens: {
      total: usage.input,
      noCache: usage.input - cacheRead - cacheWrite,
      cacheRead: usage.cacheRead,
      cacheWrite: usage.cacheWrite,
    },
    outputTokens: {
      total: usage.output,
      text: usage.output - (usage.reasoning ?? 0),
      reasoning: usage.reasoning,
    },
  };
}

/** Provider metadata, with the Anthropic v2 cache-write field added when the usage says so. */
function nativeMetadata(
  spec: Spec,
  usage: NeutralUsage | undefined,
  providerMetadata: Record<string, Record<string, string | number>> | undefined,
): Plain | undefined {
  if (spec === "v2" && usage?.anthropic && usage.cacheWrite !== undefined) {
    return {
      ...providerMetadata,
      anthropic: { ...providerMetadata?.anthropic, cacheCreationInputTokens: usage.cacheWrite },
    };
  }
  return providerMetadata;
}

function finishReason(spec: Spec, reason: "stop" | "tool-calls"): unknown {
  return spec === "v2" ? reason : { unified: reason, raw: reason };
}

/** A `doGenerate` result. */
export function nativeGenerateResult(spec: Spec, outcome: MockGenerateOutcome): Plain {
  const content: Plain[] = [];
  if (outcome.text !== undefined) content.push({ type: "text", text: outcome.text });
  if (outcome.toolCall !== undefined) {
    content.push({
      type: "tool-call",
      toolCallId: `call-${outcome.toolCall.toolName}`,
      toolName: outcome.toolCall.toolName,
      input: outcome.toolCall.input,
    });
  }
  const providerMetadata = nativeMetadata(spec, outcome.usage, outcome.providerMetadata);
  return {
    content,
    finishReason: finishReason(spec, outcome.toolCall === undefined ? "stop" : "tool-calls"),
    usage: nativeUsage(spec, outcome.usage),
    warnings: [],
    ...(providerMetadata === undefined ? {} : { providerMetadata }),
    ...(outcome.responseModelId === undefined
      ? {}
      : { response: { modelId: outcome.responseModelId } }),
  };
}

/** The parts of a `doStream`, in the order providers send them. */
export function nativeStreamParts(spec: Spec, outcome: MockStreamOutcome): Plain[] {
  const parts: Plain[] = [{ type: "stream-start", warnings: [] }];
  parts.push({ type: "response-metadata", id: "resp-1", modelId: outcome.responseModelId });
  if (outcome.reasoningDeltas !== undefined) {
    parts.push({ type: "reasoning-start", id: "r1" });
    for (const delta of outcome.reasoningDeltas) {
      parts.push({ type: "reasoning-delta", id: "r1", delta });
    }
    parts.push({ type: "reasoning-end", id: "r1" });
  }
  parts.push({ type: "text-start", id: "t1" });
  for (const delta of outcome.textDeltas) parts.push({ type: "text-delta", id: "t1", delta });
  parts.push({ type: "text-end", id: "t1" });
  if (outcome.finish !== false) {
    const providerMetadata = nativeMetadata(spec, outcome.usage, undefined);
    parts.push({
      type: "finish",
      finishReason: finishReason(spec, "stop"),
      usage: nativeUsage(spec, outcome.usage),
      ...(providerMetadata === undefined ? {} : { providerMetadata }),
    });
  }
  return parts;
}

/**
 * A stream that behaves like a `fetch` body: sends `parts` up to the stall point, then waits
 * for `signal` and errors with an `AbortError` (or errors with `error` at the end).
 */
export function fetchLikeStream<Part extends object>(
  parts: readonly Part[],
  options: { stallAfterTextDeltas?: number; error?: Error; signal: AbortSignal | undefined },
): ReadableStream<Part> {
  let index = 0;
  let textDeltas = 0;
  return new ReadableStream<Part>({
    pull(controller) {
      const part = parts[index];
      const stalled =
        options.stallAfterTextDeltas !== undefined && textDeltas >= options.stallAfterTextDeltas;
      if (stalled || part === undefined) {
        if (!stalled && options.error === undefined) {
          controller.close();
          return undefined;
        }
        if (!stalled) {
          controller.error(options.error);
          return undefined;
        }
        return new Promise<void>((resolve) => {
          const abort = (): void => {
            controller.error(new DOMException("This operation was aborted", "AbortError"));
            resolve();
          };
          if (options.signal?.aborted) abort();
          else options.signal?.addEventListener("abort", abort, { once: true });
        });
      }
      index++;
      if ((part as { type?: unknown }).type === "text-delta") textDeltas++;
      controller.enqueue(part);
      return undefined;
    },
  });
}
