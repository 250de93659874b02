import { nanoUsdToUsd } from "../money/nano-usd.js";
import { escapeHtml } from "./escape-html.js";
import { formatCount, formatDollars } from "./format.js";
import { niceScale } from "./nice-scale.js";
import type { Timeline } from "./report-data.js";

const WIDTH = 960;
const HEIGHT = 280;
const LEFT = 72;
const RIGHT = 12;
const TOP = 14;
const BOTTOM = 34;
const MAX_X_LABELS = 7;
const DAY_MS = 86_400_000;

function axisDollars(nanoUsd: number): string {
  const usd = nanoUsdToUsd(nanoUsd);
  if (usd === 0) return "$0";
  if (usd >= 1) return `$${Number(usd.toPrecision(3)).toLocaleString("en-US")}`;
  return `$${Number(usd.toPrecision(2))}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Nov 21` at midnight or for day buckets, else `14:00` (or `14:05:30` under a minute); UTC. */
function bucketLabel(startMs: number, bucketMs: number, first: boolean): string {
  const date = new Date(startMs);
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
  const iso = date.toISOString();
  if (bucketMs >= DAY_MS) return day;
  const time = bucketMs >= 60_000 ? iso.slice(11, 16) : iso.slice(11, 19);
  if (iso.slice(11, 19) === "00:00:00") return day;
  return first ? `${day}, ${time}` : time;
}

/**
 * Spend over time as an SVG of stacked columns (one colour per series, `s0`…`s5` classes),
 * with a dollar axis, gridlines and time labels in UTC. Each column has a `<title>` tooltip.
 */
export function timelineChartSvg(timeline: Timeline): string {
  const { points, bucketMs, series } = timeline;
  const totals = points.map((point) => point.costNanoUsd.reduce((sum, value) => sum + value, 0));
  const scale = niceScale(Math.max(0, ...totals));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (nanoUsd: number): number => TOP + plotHeight - (nanoUsd / scale.max) * plotHeight;
  const parts: string[] = [];
  for (let tick = 0; tick <= scale.max + scale.step / 2; tick += scale.step) {
    const tickY = y(tick).toFixed(1);
    parts.push(
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${tickY}" y2="${tickY}"/>`,
      `<text class="axis" x="${LEFT - 8}" y="${tickY}" text-anchor="end" dominant-baseline="middle">${escapeHtml(axisDollars(tick))}</text>`,
    );
  }
  const step = plotWidth / Math.max(1, points.length);
  const barWidth = Math.max(1, Math.min(48, step * 0.72));
  const labelEvery = Math.max(1, Math.ceil(points.length / MAX_X_LABELS));
  points.forEach((point, index) => {
    const x = LEFT + index * step + (step - barWidth) / 2;
    let base = 0;
    const rects: string[] = [];
    point.costNanoUsd.forEach((value, seriesIndex) => {
      if (value <= 0) return;
      const top = y(base + value);
      const height = Math.max(0.5, y(base) - top);
      rects.push(
        `<rect class="s${seriesIndex}" x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${height.toFixed(1)}"/>`,
      );
      base += value;
    });
    const total = totals[index] ?? 0;
    const label = `${new Date(point.startMs).toISOString().replace("T", " ").slice(0, 19)} UTC · ${formatDollars(total)} · ${formatCount(point.requests)} calls`;
    const breakdown = point.costNanoUsd
      .map((value, seriesIndex) =>
        value > 0 ? `\n${series[seriesIndex]}: ${formatDollars(value)}` : "",
      )
      .join("");
    parts.push(`<g><title>${escapeHtml(label + breakdown)}</title>${rects.join("")}</g>`);
    if (index % labelEvery === 0) {
      parts.push(
        `<text class="axis" x="${(LEFT + index * step + step / 2).toFixed(1)}" y="${HEIGHT - 12}" text-anchor="middle">${escapeHtml(bucketLabel(point.startMs, bucketMs, index === 0))}</text>`,
      );
    }
  });
  parts.push(
    `<line class="baseline" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${TOP + plotHeight}" y2="${TOP + plotHeight}"/>`,
  );
  return `<svg class="chart" style="max-width: ${WIDTH}px" data-chart="timeline" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="Spend over time">${parts.join("")}</svg>`;
}
