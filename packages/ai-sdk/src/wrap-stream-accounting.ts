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
  /** The `finish` part arrived (its usage may still be missing). */
  onFinish(finish: {
    part: unknown;
    responseModel: string | undefined;
    errorSeen: boolean;
    outputText: () => string;
  }): Promise<void>;
  /** The stream ended any other way: settle from the deltas seen. */
  onCut(cut: StreamCut): Promise<void>;
}

/** Options of {@link wrapStreamAccounting}. */
export interface StreamAccountingOptions extends StreamAccountingHooks {
  /** Usage shape of the synthetic `finish` part a cap emits: `flat` for spec v2, else `nested`. */
  usageShape: "flat" | "nested";
  /** Optional mid-stream spend cap. */
  cap: OutputCap | undefined;
}

type Part = Readonly<Record<string, unknown>>;

/**
 * `Transformer` with the `cancel` hook (WHATWG streams; Node ≥ 20.19), called when the readable
 * side is cancelled or the source errors. TypeScript 5.9's DOM lib does not declare it yet.
 */
interface CancellableTransformer extends Transformer<unknown, unknown> {
  cancel(reason: unknown): Promise<void>;
}

/**
 * Passes every stream part through unchanged, with O(1) work per part (no tokenizing): it
 * remembers `response-metadata.modelId`, pushes text/reasoning/tool-input deltas onto an array
 * (joined only if the stream is cut) and settles exactly once —
 *
 * - at `finish`, with its usage (before the part is released, so the record exists when the
 *   caller sees the end);
 * - on cancel (the caller aborted or stopped reading; also an inner read error, which the pipe
 *   turns into a cancel), on `flush` without `finish`, or when a cap trips — from the deltas,
 *   estimated, status `aborted`/`error`. Spent money is never dropped and no hold is left.
 *
 * A tripped cap ends the stream the way every `ai` major handles (research §6E): close open text
 * blocks, an `error` part, a synthetic `finish` with partial usage, then `terminate()` — never
 * `controller.error()`, which leaves `usage` pending forever on ai@5.
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
  const outputText = (): string => deltas.join("");

  const cut = (status: StreamCut["status"], endReason: string): Promise<void> => {
    if (ended) return Promise.resolve();
    ended = true;
    return options.onCut({ status, endReason, outputText: outputText(), responseModel });
  };

  const stop = async (
    trip: OutputCapTrip,
    controller: TransformStreamDefaultController<unknown>,
  ): Promise<void> => {
    if (ended) return;
    for (const [id, endType] of openBlocks) controller.enqueue({ type: endType, id });
    openBlocks.clear();
    controller.enqueue({ type: "error", error: trip.error });
    try {
      await cut("aborted", "output-cap");
    } catch (error) {
      controller.enqueue({ type: "error", error });
    }
    controller.enqueue(syntheticFinish(options.usageShape, trip));
    controller.terminate();
  };

  const transformer: CancellableTransformer = {
    transform(chunk, controller) {
      const part = chunk as Part;
      switch (part.type) {
        case "text-delta":
        case "reasoning-delta":
        case "tool-input-delta": {
          controller.enqueue(chunk);
          if (typeof part.delta !== "string" || part.delta.length === 0) return;
          deltas.push(part.delta);
          const check = options.cap?.add(part.delta, outputText);
          if (check === undefined) return;
          return check.then((trip) => (trip === undefined ? undefined : stop(trip, controller)));
        }
        case "finish": {
          if (ended) return;
          ended = true;
          // A failed settlement surfaces as an `error` part (the caller's onError sees it) while
          // the `finish` part still goes through, so the SDK's usage promise always resolves.
          return options.onFinish({ part: chunk, responseModel, errorSeen, outputText }).then(
            () => controller.enqueue(chunk),
            (error: unknown) => {
              controller.enqueue({ type: "error", error });
              controller.enqueue(chunk);
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
      controller.enqueue(chunk);
      return undefined;
    },
    flush(controller) {
      return cut("error", "closed-without-finish").catch((error: unknown) => {
        controller.enqueue({ type: "error", error });
      });
    },
    cancel(reason) {
      const aborted = reason === undefined || isAbortError(reason);
      return cut(aborted ? "aborted" : "error", aborted ? "aborted" : "stream-error");
    },
  };
  return stream.pipeThrough(new TransformStream(transformer));
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
