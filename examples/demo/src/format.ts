/** Display helpers: dollars, simulated times, aligned tables. */

/**
 * Dollars with sensible precision: cents from $1 up, else four significant digits
 * (`$0.8212`, `$0.004732`); a fixed number of `decimals` when given (for table columns).
 */
export function formatUsd(usd: number, decimals?: number): string {
  if (decimals !== undefined) return `$${usd.toFixed(decimals)}`;
  if (usd === 0) return "$0.00";
  if (Math.abs(usd) >= 1) {
    return `$${usd.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
  return `$${usd.toFixed(Math.min(9, 3 - Math.floor(Math.log10(Math.abs(usd)))))}`;
}

/** Integer nano-USD as dollars. */
export const formatNanoUsd = (nanoUsd: number, decimals?: number): string =>
  formatUsd(nanoUsd / 1e9, decimals);

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Tue 03 Mar 14:05` (UTC): the simulated clock as the log shows it. */
export function formatSimulatedTime(timeMs: number): string {
  const date = new Date(timeMs);
  const iso = date.toISOString();
  return `${WEEKDAYS[date.getUTCDay()]} ${iso.slice(8, 10)} ${MONTHS[date.getUTCMonth()]} ${iso.slice(11, 16)}`;
}

/** `1.2M`, `236k`, `940`: token counts at a glance. */
export function formatCompact(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(value >= 10_000_000 ? 0 : 1)}M`;
  if (value >= 10_000) return `${Math.round(value / 1_000)}k`;
  return formatCount(value);
}

/** Thousands separators. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** Percent with no decimals (one below 10 %). */
export const formatPercent = (fraction: number): string =>
  `${(fraction * 100).toFixed(fraction < 0.1 && fraction > 0 ? 1 : 0)}%`;

/**
 * An aligned text table: a header underlined with dashes, each line indented by two spaces.
 * `align` has one letter per column, `l` or `r` (default: the first column left, others right).
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align = `l${"r".repeat(header.length - 1)}`,
): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    `  ${cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return align[column] === "l" ? cell.padEnd(width) : cell.padStart(width);
      })
      .join("  ")}`.trimEnd();
  return [line(header), line(widths.map((width) => "─".repeat(width))), ...rows.map(line)].join(
    "\n",
  );
}

/** Who a budget bucket belongs to: `user bob`, `team acme`, `feature classify`, `the whole app`. */
export function describeScope(scope: string, scopeValue: string): string {
  if (scope === "global") return "the whole app";
  const noun = scope === "userId" ? "user" : scope === "teamId" ? "team" : scope;
  return `${noun} ${scopeValue}`;
}

/** Wraps `text` to `width` columns, each line indented by `indent`. */
export function wrapText(text: string, indent: string, width = 96): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines.join("\n");
}
