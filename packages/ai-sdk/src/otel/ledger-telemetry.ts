import { type Context, context } from "@opentelemetry/api";

/**
 * The part of the `ai@7` `Telemetry` interface this integration implements (typed
 * structurally so the package builds against ai 5 and 6 too, which have no integrations).
 */
export interface LedgerTelemetry {
  executeLanguageModelCall<T>(options: {
    callId: string;
    execute: () => PromiseLike<T>;
  }): Promise<T>;
}

/**
 * An `ai@7` telemetry integration that puts each call's usage and cost (set by
 * `instrumentLedger` from `@tokenledger/core/otel`) on the model-call span your OpenTelemetry
 * integration exports.
 *
 * A generated call settles inside the model call, where that span is already active. A streamed
 * call settles when its last part is read, which happens outside it: this integration reads the
 * provider stream inside the model call's OpenTelemetry context, so the settlement sees the same
 * span. List it before the OpenTelemetry integration, so that it runs inside that integration's
 * context: `registerTelemetry(ledgerTelemetry(), otelIntegration)`.
 */
export function ledgerTelemetry(): LedgerTelemetry {
  return {
    async executeLanguageModelCall({ execute }) {
      const callContext = context.active();
      const result = await execute();
      return withStreamReadIn(result, callContext);
    },
  };
}

function withStreamReadIn<T>(result: T, callContext: Context): T {
  if (typeof result !== "object" || result === null) return result;
  const { stream } = result as { stream?: unknown };
  if (!(stream instanceof ReadableStream)) return result;
  return { ...result, stream: readInContext(stream, callContext) };
}

function readInContext<Part>(
  stream: ReadableStream<Part>,
  callContext: Context,
): ReadableStream<Part> {
  const reader = stream.getReader();
  return new ReadableStream<Part>({
    pull: (controller) =>
      context.with(callContext, async () => {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      }),
    cancel: (reason) => reader.cancel(reason),
  });
}
