/**
 * Listens to the ledger's `threshold` and `denied` events: prints them as they happen (each
 * alert, and the first refusal of each budget window) and keeps them for the summary.
 */
import type { BudgetDenial, Ledger, LedgerContext, LedgerEvents } from "@tokenledger/core";
import { describeScope, formatNanoUsd, formatSimulatedTime } from "./format.js";

export interface LoggedDenial {
  atMs: number;
  denial: BudgetDenial;
  model: string;
  context: LedgerContext;
}

export interface LoggedThreshold {
  atMs: number;
  event: LedgerEvents["threshold"];
}

export interface EventLog {
  readonly denials: readonly LoggedDenial[];
  readonly thresholds: readonly LoggedThreshold[];
  /** Stops listening. */
  stop(): void;
}

const withArticle = (noun: string): string => `${/^[aeiou]/i.test(noun) ? "an" : "a"} ${noun}`;

const amount = (limitKind: BudgetDenial["limitKind"], value: number): string => {
  if (limitKind === "usd") return formatNanoUsd(value);
  const unit = limitKind === "tokens" ? "token" : "request";
  return `${value} ${unit}${value === 1 ? "" : "s"}`;
};

/** Subscribes to `ledger`; `print` receives the live lines (the progress bar's `log`). */
export function createEventLog(
  ledger: Ledger,
  now: () => number,
  print: (line: string) => void,
): EventLog {
  const denials: LoggedDenial[] = [];
  const thresholds: LoggedThreshold[] = [];
  const windowsSeen = new Set<string>();

  const unsubscribeThreshold = ledger.on("threshold", (event) => {
    thresholds.push({ atMs: now(), event });
    const percent = Math.round(event.threshold * 100);
    print(
      `  ${formatSimulatedTime(now())}  ▲ ${describeScope(event.scope, event.scopeValue)} passed ${percent}% of ${event.ruleId}` +
        ` (${amount(event.limitKind, event.spent)} of ${amount(event.limitKind, event.limit)})`,
    );
  });
  const unsubscribeDenied = ledger.on("denied", ({ error, model, context }) => {
    const { denial } = error;
    denials.push({ atMs: now(), denial, model, context });
    const windowId = `${denial.ruleId}|${denial.scopeValue}|${denial.resetsAt?.getTime()}`;
    if (windowsSeen.has(windowId)) return;
    windowsSeen.add(windowId);
    const resets = denial.resetsAt
      ? `, resets ${formatSimulatedTime(denial.resetsAt.getTime())}`
      : "";
    print(
      `  ${formatSimulatedTime(now())}  ✗ ${describeScope(denial.scope, denial.scopeValue)}: ${denial.ruleId} refused ${withArticle(`${context.feature ?? "model"} call`)} on ${model}` +
        ` (needs ${amount(denial.limitKind, denial.requested)}, ${amount(denial.limitKind, denial.limit - denial.spent - denial.held)} left${resets}); provider not called`,
    );
  });

  return {
    denials,
    thresholds,
    stop() {
      unsubscribeThreshold();
      unsubscribeDenied();
    },
  };
}
