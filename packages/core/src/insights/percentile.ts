/**
 * The nearest-rank percentile of integer samples: the smallest sample such that at least
 * `fraction` of the samples are ≤ it (`fraction` 0.5 gives the lower median). `undefined`
 * for no samples. Sorts a copy.
 *
 * @example
 * nearestRank([10, 20, 30, 40], 0.5); // 20 (rank ceil(0.5 × 4) = 2)
 * nearestRank([10, 20, 30, 40], 0.95); // 40 (rank ceil(0.95 × 4) = 4)
 */
export function nearestRank(samples: readonly number[], fraction: number): number | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((left, right) => left - right);
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}
