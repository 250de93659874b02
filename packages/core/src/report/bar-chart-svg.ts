import { escapeHtml } from "./escape-html.js";
import { truncate } from "./nice-scale.js";

/** One bar. */
export interface BarItem {
  label: string;
  value: number;
  /** Text at the end of the bar (`$1.23 · 41%`). */
  display: string;
  /** Tooltip. */
  title?: string;
}

const WIDTH = 480;
const ROW = 30;
const LABEL_WIDTH = 186;
const VALUE_WIDTH = 112;
const BAR_HEIGHT = 12;
const CHARS_IN_LABEL = 28;

/**
 * Horizontal bars as an SVG (largest first as given), labels left, values right, on a light
 * track. `name` becomes `data-chart` for tests and styling.
 */
export function barChartSvg(name: string, items: readonly BarItem[], ariaLabel: string): string {
  const height = Math.max(ROW, items.length * ROW);
  const barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 8;
  const max = Math.max(0, ...items.map((item) => item.value));
  const rows = items.map((item, index) => {
    const middle = index * ROW + ROW / 2;
    const barWidth = max > 0 ? Math.max(2, (item.value / max) * barSpace) : 0;
    const top = (middle - BAR_HEIGHT / 2).toFixed(1);
    return (
      `<g><title>${escapeHtml(item.title ?? `${item.label}: ${item.display}`)}</title>` +
      `<text class="label" x="0" y="${middle}" dominant-baseline="middle">${escapeHtml(truncate(item.label, CHARS_IN_LABEL))}</text>` +
      `<rect class="track" x="${LABEL_WIDTH}" y="${top}" width="${barSpace}" height="${BAR_HEIGHT}" rx="3"/>` +
      `<rect class="s${Math.min(index, 5)}" x="${LABEL_WIDTH}" y="${top}" width="${barWidth.toFixed(1)}" height="${BAR_HEIGHT}" rx="3"/>` +
      `<text class="value" x="${WIDTH}" y="${middle}" text-anchor="end" dominant-baseline="middle">${escapeHtml(item.display)}</text></g>`
    );
  });
  return `<svg class="chart" style="max-width: ${WIDTH}px" data-chart="${escapeHtml(name)}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeHtml(ariaLabel)}">${rows.join("")}</svg>`;
}
