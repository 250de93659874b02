import type { ModelRun } from "./model-run.js";

function isAbortSignal(value: unknown): value is AbortSignal {
  if (value === null || typeof value !== "object") return false;
  const signal = value as Record<string, unknown>;
  return typeof signal.addEventListener === "function" && typeof signal.aborted === "boolean";
}

/**
 * Watches a model run that may never end: `close` is called with `"dangling-run-timeout"`
 * after `timeoutMs` without a streamed token (`0` or less: never), and with `"abort-signal"`
 * when the call's AbortSignal fires — a stream cut by its signal often gets no LangChain event
 * at all (research §3). {@link stopWatchingModelRun} undoes it.
 */
export function watchModelRun(
  run: ModelRun,
  signal: unknown,
  timeoutMs: number,
  close: (reason: string) => void,
): void {
  if (timeoutMs > 0) {
    run.timer = setTimeout(() => close("dangling-run-timeout"), timeoutMs);
    run.timer.unref?.();
  }
  if (!isAbortSignal(signal) || signal.aborted) return;
  const onAbort = (): void => close("abort-signal");
  signal.addEventListener("abort", onAbort, { once: true });
  run.stopWatchingSignal = () => signal.removeEventListener("abort", onAbort);
}

/** Clears the timer and the signal listener of {@link watchModelRun}. */
export function stopWatchingModelRun(run: ModelRun): void {
  if (run.timer) clearTimeout(run.timer);
  run.stopWatchingSignal?.();
}
