/**
 * A "nice" axis maximum and tick step for values up to `max` (steps of 1, 2, 2.5 or 5 × 10^n),
 * about `targetTicks` ticks. `max` ≤ 0 gives a unit scale.
 */
export function niceScale(max: number, targetTicks = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const rough = max / targetTicks;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step =
    [1, 2, 2.5, 5, 10]
      .map((factor) => factor * magnitude)
      .find((candidate) => candidate >= rough) ?? 10 * magnitude;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** Cuts `text` to `maxChars`, ending with `…` when cut. */
export function truncate(text: string, maxChars: number): string {
  return text.length <= maxChars ? text : `${text.slice(0, Math.max(1, maxChars - 1))}…`;
}
