import { isAbortError } from "./is-abort-error.js";
import type { OutputCap, OutputCapTrip } from "./output-cap.js";

/** How a stream ended without a usable `finish` part. */
export interface StreamCut {
  status: "aborted" | "error";
  /** `aborted` (signal/cancel), `stream-error`, `closed-without-finish` or `output-cap`. */
  endReason: string;
  /** Text, reasoning and tool-input deltas seen, joined. */
  outputText: string;
  responseModel: string | undefined;
}

/** What the accounting reports; each stream calls exactly one of the two, once. */
export interface StreamAccountingHooks {
  /**
   * The `finish` part arrived (its usage may still be missing). Resolves to the part to pass on
   * in its place (e.g. with the record's summary added), or `undefined` to pass it unchanged.
   */
  onFinish(finish: {
    part: unknown;
    responseModel: string | undefined;
    errorSeen: boolean;
    outputText: () => string;
  }): Promise<unknown>;
  /**
   * The stream ended any other way: settle from the deltas seen. May resolve to
   * `providerMetadata` for the synthetic `finish` a tripped cap emits (the record's summary).
   */
  onCut(cut: StreamCut): Promise<Readonly<Record<string, unknown>> | undefined>;
}

/** Options of {@link wrapStreamAccounting}. */
export interface StreamAccountingOptions extends StreamAccountingHooks {
  /** Usage shape of the synthetic `finish` part a cap emits: `flat` for spec v2, else `nested`. */
  usageShape: "flat" | "nested";
  /** Optional mid-stream spend cap. */
  cap: OutputCap | undefined;
}

type Part = Readonly<Record<string, unknown>>;

const ignore = (): void => undefined;

/**
 * Passes every stream part through unchanged, with O(1) work per part (no tokenizing): it
 * remembers `response-metadata.modelId`, pushes text/reasoning/tool-input deltas onto an array
 * (joined only if the stream is cut) and settles exactly once —
 *
 * - at `finish`, with its usage (before the part is released, so the record exists when the
 *   caller sees the end);
 * - when the caller cancels (aborted or stopped reading), the source errors, the source closes
 *   without `finish`, or a cap trips — from the deltas, estimated, status `aborted`/`error`.
 *   Spent money is never dropped and no hold is left.
 *
 * A tripped cap ends the stream the way every `ai` major handles (research §6E): close open text
 * blocks, an `error` part, a synthetic `finish` with partial usage, then close — never
 * `controller.error()`, which leaves `usage` pending forever on ai@5.
 *
 * The wrapper is a pull-based `ReadableStream` reading the source one part per pull (a
 * `TransformStream` costs about 3× more per part: its writable side and backpressure
 * bookkeeping), so backpressure is the caller's own: nothing is read ahead.
 */
export function wrapStreamAccounting(
  stream: ReadableStream<unknown>,
  options: StreamAccountingOptions,
): ReadableStream<unknown> {
  const deltas: string[] = [];
  const openBlocks = new Map<string, string>();
  let responseModel: string | undefined;
  let errorSeen = false;
  let ended = false;
  let cancelled = false;
  const outputText = (): string => deltas.join("");
  const reader = stream.getReader();

  const cut = (
    status: StreamCut["status"],
    endReason: string,
  ): Promise<Readonly<Record<string, unknown>> | undefined> => {
    if (ended) return Promise.resolve(undefined);
    ended = true;
    return options.onCut({ status, endReason, outputText: outputText(), responseModel });
  };

  const enqueue = (controller: ReadableStreamDefaultController<unknown>, part: unknown): void => {
    if (!cancelled) controller.enqueue(part);
  };

  const stop = async (
    trip: OutputCapTrip,
    controller: ReadableStreamDefaultController<unknown>,
  ): Promise<void> => {
    if (ended) return;
    for (const [id, endType] of openBlocks) enqueue(controller, { type: endType, id });
    openBlocks.clear();
    enqueue(controller, { type: "error", error: trip.error });
    let providerMetadata: Readonly<Record<string, unknown>> | undefined;
    try {
      providerMetadata = await cut("aborted", "output-cap");
    } catch (error) {
      enqueue(controller, { type: "error", error });
    }
    const finish = syntheticFinish(options.usageShape, trip);
    enqueue(controller, providerMetadata ? { ...finish, providerMetadata } : finish);
    if (!cancelled) controller.close();
    reader.cancel(trip.error).catch(ignore);
  };

  /** One source part: bookkeeping, then passed on (after settling, for `finish`). */
  const pass = (
    chunk: unknown,
    controller: ReadableStreamDefaultController<unknown>,
  ): Promise<void> | undefined => {
    const part = chunk as Part;
    switch (part.type) {
      case "text-delta":
      case "reasoning-delta":
      case "tool-input-delta": {
        enqueue(controller, chunk);
        if (typeof part.delta !== "string" || part.delta.length === 0) return undefined;
        deltas.push(part.delta);
        const check = options.cap?.add(part.delta, outputText);
        if (check === undefined) return undefined;
        return check.then((trip) => (trip === undefined ? undefined : stop(trip, controller)));
      }
      case "finish": {
        if (ended) return undefined;
        ended = true;
        // A failed settlement surfaces as an `error` part (the caller's onError sees it) while
        // the `finish` part still goes through, so the SDK's usage promise always resolves.
        return options.onFinish({ part: chunk, responseModel, errorSeen, outputText }).then(
          (settledPart) => enqueue(controller, settledPart ?? chunk),
          (error: unknown) => {
            enqueue(controller, { type: "error", error });
            enqueue(controller, chunk);
          },
        );
      }
      case "text-start":
      case "reasoning-start":
        if (typeof part.id === "string") {
          openBlocks.set(part.id, part.type === "text-start" ? "text-end" : "reasoning-end");
        }
        break;
      case "text-end":
      case "reasoning-end":
        if (typeof part.id === "string") openBlocks.delete(part.id);
        break;
      case "response-metadata":
        if (typeof part.modelId === "string" && part.modelId.length > 0) {
          responseModel = part.modelId;
        }
        break;
      case "error":
        errorSeen = true;
        break;
    }
    enqueue(controller, chunk);
    return undefined;
  };

  const closeWithoutFinish = (controller: ReadableStreamDefaultController<unknown>) =>
    cut("error", "closed-without-finish").then(
      () => {
        if (!cancelled) controller.close();
      },
      (error: unknown) => {
        enqueue(controller, { type: "error", error });
        if (!cancelled) controller.close();
      },
    );

  return new ReadableStream<unknown>(
    {
      pull(controller) {
        return reader.read().then(
          (read) => {
            if (cancelled) return undefined;
            return read.done ? closeWithoutFinish(controller) : pass(read.value, controller);
          },
          (error: unknown) => {
            // The source failed (an aborted fetch, a broken connection): settle, then fail the same way.
            const aborted = isAbortError(error);
            const settled = cut(
              aborted ? "aborted" : "error",
              aborted ? "aborted" : "stream-error",
            );
            return settled.then(
              () => controller.error(error),
              () => controller.error(error),
            );
          },
        );
      },
      cancel(reason) {
        cancelled = true;
        const aborted = reason === undefined || isAbortError(reason);
        reader.cancel(reason).catch(ignore);
        return cut(aborted ? "aborted" : "error", aborted ? "aborted" : "stream-error").then(
          ignore,
        );
      },
    },
    { highWaterMark: 0 },
  );
}

function syntheticFinish(shape: "flat" | "nested", trip: OutputCapTrip): Part {
  if (shape === "flat") {
    return {
      type: "finish",
      finishReason: "length",
      usage: {
        inputTokens: trip.inputTokens,
        outputTokens: trip.outputTokens,
        totalTokens: trip.inputTokens + trip.outputTokens,
      },
    };
  }
  return {
    type: "finish",
    finishReason: { unified: "length", raw: undefined },
    usage: {
      inputTokens: {
        total: trip.inputTokens,
        noCache: undefined,
        cacheRead: undefined,
        cacheWrite: undefined,
      },
      outputTokens: { total: trip.outputTokens, text: undefined, reasoning: undefined },
    },
  };
}
