/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of an empty list");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Per-round ratios `numerator[i] / denominator[i]` of paired measurements. */
export function pairedRatios(
  numerator: readonly number[],
  denominator: readonly number[],
): number[] {
  return numerator.map((value, index) => value / (denominator[index] as number));
}

/** Milliseconds since an arbitrary origin, high resolution. */
export function nowMs(): number {
  return performance.now();
}

/** Rounds for display: 3 significant digits, at most 3 decimals. */
export function round(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const digits = Math.max(0, Math.min(3, 2 - Math.floor(Math.log10(Math.abs(value)))));
  return Number(value.toFixed(digits));
}

/** A Markdown table. */
export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  const cell = (value: unknown): string =>
    typeof value === "number" ? String(round(value)) : String(value ?? "");
  return [
    `| ${headers.join(" | ")} |`,
    `|${headers.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}
