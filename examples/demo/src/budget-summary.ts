/**
 * The budgets part of the summary: calls refused (by rule and who), alerts fired, and where
 * each team's monthly budget is heading (`ledger.projection`).
 */
import type { Ledger } from "@tokenledger/core";
import { describeLimit } from "./budgets.js";
import type { EventLog } from "./event-log.js";
import {
  describeScope,
  formatCount,
  formatNanoUsd,
  formatPercent,
  formatSimulatedTime,
  formatTable,
} from "./format.js";

interface RefusalGroup {
  ruleId: string;
  who: string;
  calls: number;
  features: Set<string>;
  /** Windows (days, minutes…) with at least one refusal. */
  windows: Set<string>;
  /** Lowest and highest share of the limit already spent or held when a call was refused. */
  usedMin: number;
  usedMax: number;
}

/** Refusals grouped by rule and bucket owner, most refusals first. */
function refusalTable(events: EventLog, counts: RefusalCounts): string {
  const groups = new Map<string, RefusalGroup>();
  for (const { denial, context } of events.denials) {
    const key = `${denial.ruleId}|${denial.scopeValue}`;
    const group: RefusalGroup = groups.get(key) ?? {
      ruleId: denial.ruleId,
      who: describeScope(denial.scope, denial.scopeValue),
      calls: 0,
      features: new Set(),
      windows: new Set(),
      usedMin: Number.POSITIVE_INFINITY,
      usedMax: 0,
    };
    const used = (denial.spent + denial.held) / denial.limit;
    group.calls += 1;
    group.usedMin = Math.min(group.usedMin, used);
    group.usedMax = Math.max(group.usedMax, used);
    if (typeof context.feature === "string") group.features.add(context.feature);
    group.windows.add(String(denial.resetsAt?.getTime()));
    groups.set(key, group);
  }
  const rows = [...groups.values()]
    .sort((left, right) => right.calls - left.calls)
    .map((group) => {
      const low = formatPercent(group.usedMin);
      const high = formatPercent(group.usedMax);
      return [
        group.ruleId,
        describeLimit(group.ruleId),
        group.who,
        formatCount(group.calls),
        formatCount(group.windows.size),
        low === high ? low : `${low}–${high}`,
        [...group.features].join(", "),
      ];
    });
  const header = ["rule", "limit", "who", "refused", "windows", "used when refused", "features"];
  return (
    `Budgets refused ${formatCount(events.denials.length)} calls before they reached the provider (no tokens spent)${retriedNote(events.denials.length, counts)}:\n` +
    formatTable(header, rows, "lllrrrl") +
    "\n  A call is admitted only if its worst case fits: input + maxOutputTokens. Refused far below" +
    "\n  100 % means the calls hold far more than they use (see the maxOutputTokens insight)."
  );
}

/** App requests that ended refused, and refusals the batch job waited out and retried. */
export interface RefusalCounts {
  refusedRequests: number;
  batchWaits: number;
}

/**
 * Why the refusal count differs from the app requests that ended refused (said on the line
 * itself, so the two numbers of the summary agree): the batch job's refusals were retried.
 */
function retriedNote(refusals: number, counts: RefusalCounts): string {
  if (refusals === counts.refusedRequests) return "";
  const retried = refusals - counts.refusedRequests;
  const why =
    retried === counts.batchWaits
      ? "came from the batch job, which retried once its per-minute limit reset"
      : "were retried or were steps of a larger request";
  return `;\n  ${formatCount(counts.refusedRequests)} app requests ended refused, ${formatCount(retried)} more ${why}`;
}

/** Refusals, alerts and projections as blocks of text. */
export async function budgetSummary(
  ledger: Ledger,
  events: EventLog,
  teams: readonly string[],
  counts: RefusalCounts,
): Promise<string[]> {
  const blocks = [
    events.denials.length === 0 ? "Budgets refused no call." : refusalTable(events, counts),
  ];
  if (events.thresholds.length > 0) {
    const alerts = events.thresholds.map(({ atMs, event }) => {
      const percent = Math.round(event.threshold * 100);
      return `  ${formatSimulatedTime(atMs)}  ${describeScope(event.scope, event.scopeValue)} passed ${percent}% of ${event.ruleId} (${describeLimit(event.ruleId)})`;
    });
    blocks.push(`Alerts (thresholds crossed, each once per window):\n${alerts.join("\n")}`);
  }
  const rows: string[][] = [];
  for (const teamId of teams) {
    for (const projection of await ledger.projection({ teamId })) {
      if (projection.scope !== "teamId" || projection.limitKind !== "usd") continue;
      const outlook =
        projection.outcome === "exhausted"
          ? "exhausted"
          : projection.runsOutAt
            ? `runs out ${formatSimulatedTime(projection.runsOutAt.getTime())}`
            : "lasts the month";
      rows.push([
        `team ${teamId}`,
        projection.ruleId,
        `${formatNanoUsd(projection.spent)} of ${formatNanoUsd(projection.limit)}`,
        formatPercent(projection.spent / projection.limit),
        outlook,
      ]);
    }
  }
  if (rows.length > 0) {
    const header = ["who", "rule", "spent", "used", "at the current rate"];
    blocks.push(`Budgets this month (ledger.projection):\n${formatTable(header, rows, "llrrl")}`);
  }
  return blocks;
}
