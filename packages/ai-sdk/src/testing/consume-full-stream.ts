import type { StreamOutcome } from "./ai-major.js";

/**
 * Reads `streamText(...).fullStream` like an app would, collecting part types and text;
 * aborts `controller` after `abortAfterTextDeltas` text deltas when given. A thrown stream is
 * recorded in `errors` instead of failing the test.
 */
export async function consumeFullStream(
  fullStream: AsyncIterable<{ type: string }>,
  options: {
    errors: unknown[];
    abortAfterTextDeltas: number | undefined;
    controller: AbortController;
  },
): Promise<StreamOutcome> {
  const partTypes: string[] = [];
  let text = "";
  let textDeltas = 0;
  try {
    for await (const part of fullStream) {
      partTypes.push(part.type);
      if (part.type !== "text-delta") continue;
      const delta =
        (part as { text?: unknown; delta?: unknown }).text ?? (part as { delta?: unknown }).delta;
      if (typeof delta === "string") text += delta;
      textDeltas++;
      if (textDeltas === options.abortAfterTextDeltas) options.controller.abort();
    }
  } catch (error) {
    options.errors.push(error);
  }
  return { text, partTypes, errors: options.errors };
}

/** `MockCallInfo` from the call options a mock model received. */
export function callInfo(
  options: { providerOptions?: unknown; maxOutputTokens?: number; abortSignal?: AbortSignal },
  index: number,
): {
  index: number;
  providerOptions: unknown;
  maxOutputTokens: number | undefined;
  abortSignal: AbortSignal | undefined;
} {
  return {
    index,
    providerOptions: options.providerOptions,
    maxOutputTokens: options.maxOutputTokens,
    abortSignal: options.abortSignal,
  };
}
