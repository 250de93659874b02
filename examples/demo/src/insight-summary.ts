/** The insights part of the summary: what `ledger.insights()` found, with the dollars at stake. */
import type { Insight } from "@tokenledger/core";
import { formatNanoUsd, formatPercent, wrapText } from "./format.js";

const MAX_INSIGHTS = 6;

/**
 * The insights worth a line: savings of at least 0.5 % of spend, and every one that held
 * budget for nothing (an oversized maxOutputTokens costs refusals, not money). The rest are
 * counted; the HTML report lists them all.
 */
export function insightSummary(insights: readonly Insight[], totalNanoUsd: number): string {
  if (insights.length === 0) return "Insights: nothing to improve found in this workload.";
  const worthALine = (insight: Insight): boolean =>
    insight.heldNanoUsd > 0 || insight.savingsNanoUsd >= totalNanoUsd * 0.005;
  const shown = insights.filter(worthALine).slice(0, MAX_INSIGHTS);
  const blocks = shown.map((insight) => {
    const money =
      insight.savingsNanoUsd > 0
        ? `would save ${formatNanoUsd(insight.savingsNanoUsd)} (${formatPercent(insight.savingsNanoUsd / totalNanoUsd)} of spend)`
        : `held ${formatNanoUsd(insight.heldNanoUsd)} of budget for nothing`;
    return `  • ${insight.title}\n    → ${money}\n${wrapText(insight.detail, "      ")}`;
  });
  const rest = insights.length - shown.length;
  const more =
    rest === 0
      ? ""
      : `\n  …and ${rest} smaller ${rest === 1 ? "one" : "ones"} (aborted streams, a few repeats) in the HTML report.`;
  return `Insights: waste found in the ledger (savings can overlap, so don't add them up)\n${blocks.join("\n")}${more}`;
}
