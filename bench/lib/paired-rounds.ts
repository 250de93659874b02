import { collectGarbage } from "./gc.js";
import { median, nowMs, pairedRatios } from "./stats.js";
import type { Figure, Goal } from "./types.js";

/** One variant of a paired comparison: runs a whole batch (N calls) once. */
export interface Variant {
  name: string;
  /** Runs one batch of `calls` operations. */
  batch(calls: number): Promise<void> | void;
}

/** Batch times per variant, one entry per measured round (same index = same round). */
export interface RoundTimes {
  /** Milliseconds per batch, by variant name. */
  batchMs: Record<string, number[]>;
  calls: number;
  rounds: number;
}

/**
 * Runs every variant once per round, rotating which goes first (the machine is shared and noisy,
 * so each round compares variants measured seconds apart), after `warmupRounds` unmeasured
 * rounds. A full GC runs before each batch so no variant pays for another's garbage.
 */
export async function runPairedRounds(
  variants: readonly Variant[],
  options: { rounds: number; calls: number; warmupRounds?: number },
): Promise<RoundTimes> {
  const batchMs: Record<string, number[]> = {};
  for (const variant of variants) batchMs[variant.name] = [];
  const warmupRounds = options.warmupRounds ?? 1;
  for (let round = -warmupRounds; round < options.rounds; round++) {
    for (let step = 0; step < variants.length; step++) {
      const variant = variants[(Math.abs(round) + step) % variants.length] as Variant;
      collectGarbage();
      const started = nowMs();
      await variant.batch(options.calls);
      const elapsed = nowMs() - started;
      if (round >= 0) (batchMs[variant.name] as number[]).push(elapsed);
    }
  }
  return { batchMs, calls: options.calls, rounds: options.rounds };
}

/** Median µs per call of one variant. */
export function microsecondsPerCall(times: RoundTimes, variant: string): number {
  return (median(times.batchMs[variant] ?? []) * 1000) / times.calls;
}

/** A figure: median over rounds of `variant ÷ baseline` batch times. */
export function ratioFigure(
  times: RoundTimes,
  spec: { id: string; name: string; variant: string; baseline: string; goal?: Goal },
): Figure {
  const ratios = pairedRatios(
    times.batchMs[spec.variant] ?? [],
    times.batchMs[spec.baseline] ?? [],
  );
  return {
    id: spec.id,
    name: spec.name,
    value: median(ratios),
    unit: "×",
    ...(spec.goal === undefined ? {} : { goal: spec.goal }),
    details: {
      rounds: times.rounds,
      callsPerBatch: times.calls,
      perRoundRatios: ratios,
      microsecondsPerCall: {
        [spec.variant]: microsecondsPerCall(times, spec.variant),
        [spec.baseline]: microsecondsPerCall(times, spec.baseline),
      },
    },
  };
}

/** Rows `[variant, µs/call, × baseline]` for a Markdown table. */
export function perCallRows(times: RoundTimes, baseline: string): (string | number)[][] {
  return Object.keys(times.batchMs).map((variant) => [
    variant,
    microsecondsPerCall(times, variant),
    median(pairedRatios(times.batchMs[variant] ?? [], times.batchMs[baseline] ?? [])),
  ]);
}
