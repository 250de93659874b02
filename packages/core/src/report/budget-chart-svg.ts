import type { BudgetProjection } from "../insights/project-budgets.js";
import { describeProjection, formatBudgetAmount } from "./describe-budget.js";
import { escapeHtml } from "./escape-html.js";
import { formatPercent } from "./format.js";
import { truncate } from "./nice-scale.js";

const WIDTH = 960;
const ROW = 58;
const BAR_TOP = 24;
const BAR_HEIGHT = 12;
/** The track shows up to 100% of the limit; overspend is drawn to the end in the alert colour. */
const TRACK_WIDTH = WIDTH;

function stateOf(projection: BudgetProjection): "ok" | "warn" | "over" {
  if (projection.spent >= projection.limit) return "over";
  if (
    projection.outcome === "runs-out" ||
    projection.spent + projection.held >= 0.8 * projection.limit
  ) {
    return "warn";
  }
  return "ok";
}

/**
 * Budget usage against limits as an SVG: per bucket a label (rule, scope, window), spent and
 * held against the limit as a bar (thresholds as ticks), and when it runs out at the current
 * rate. Colours by state: `ok`, `warn` (≥ 80% or running out before reset), `over`.
 */
export function budgetChartSvg(
  projections: readonly BudgetProjection[],
  thresholdsByRule: ReadonlyMap<string, readonly number[]>,
  nowMs: number,
): string {
  const rows = projections.map((projection, index) => {
    const top = index * ROW;
    const state = stateOf(projection);
    const spentFraction = Math.min(1, projection.spent / projection.limit);
    const heldFraction = Math.min(1 - spentFraction, projection.held / projection.limit);
    const scope =
      projection.scope === "global" ? "global" : `${projection.scope} = ${projection.scopeValue}`;
    const label = `${projection.ruleId} · ${truncate(scope, 40)} · ${projection.window}${projection.mode === "warn" ? " · warn only" : ""}`;
    const amounts = `${formatBudgetAmount(projection, projection.spent)} of ${formatBudgetAmount(projection, projection.limit)} · ${formatPercent(projection.spent, projection.limit)}`;
    const ticks = (thresholdsByRule.get(projection.ruleId) ?? [])
      .filter((threshold) => threshold < 1)
      .map((threshold) => {
        const x = (threshold * TRACK_WIDTH).toFixed(1);
        return `<line class="tick" x1="${x}" x2="${x}" y1="${top + BAR_TOP - 3}" y2="${top + BAR_TOP + BAR_HEIGHT + 3}"/>`;
      })
      .join("");
    const held =
      heldFraction > 0
        ? `<rect class="held" x="${(spentFraction * TRACK_WIDTH).toFixed(1)}" y="${top + BAR_TOP}" width="${(heldFraction * TRACK_WIDTH).toFixed(1)}" height="${BAR_HEIGHT}"/>`
        : "";
    const spentWidth = Math.max(projection.spent > 0 ? 2 : 0, spentFraction * TRACK_WIDTH);
    return (
      `<g class="budget ${state}"><title>${escapeHtml(`${label}\n${amounts}\nheld in flight: ${formatBudgetAmount(projection, projection.held)}`)}</title>` +
      `<text class="label" x="0" y="${top + 14}">${escapeHtml(label)}</text>` +
      `<text class="value" x="${WIDTH}" y="${top + 14}" text-anchor="end">${escapeHtml(amounts)}</text>` +
      `<rect class="track" x="0" y="${top + BAR_TOP}" width="${TRACK_WIDTH}" height="${BAR_HEIGHT}" rx="3"/>` +
      `<rect class="spent" x="0" y="${top + BAR_TOP}" width="${spentWidth.toFixed(1)}" height="${BAR_HEIGHT}" rx="3"/>` +
      held +
      ticks +
      `<text class="note" x="0" y="${top + BAR_TOP + BAR_HEIGHT + 15}">${escapeHtml(describeProjection(projection, nowMs))}</text></g>`
    );
  });
  const height = Math.max(ROW, projections.length * ROW);
  return `<svg class="chart" style="max-width: ${WIDTH}px" data-chart="budgets" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="Budget usage against limits">${rows.join("")}</svg>`;
}
