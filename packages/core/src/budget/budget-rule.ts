/** A calendar window, `total` (never resets) or a rolling window of `rollingMs` milliseconds. */
export type BudgetWindow =
  | "minute"
  | "hour"
  | "day"
  | "week"
  | "month"
  | "total"
  | { rollingMs: number };

/** Calendar window units (aligned to the rule's timezone). */
export type CalendarWindowUnit = "minute" | "hour" | "day" | "week" | "month";

/** Which limit of a bucket: USD (held as nano-USD in stores), tokens or requests. */
export type BudgetLimitKind = "usd" | "tokens" | "requests";

/** `block` refuses calls that do not fit; `warn` only records and emits events. */
export type BudgetMode = "block" | "warn";

/** Limits of one rule, as users write them. At least one is required. */
export interface BudgetLimit {
  /** Dollars (converted once to integer nano-USD). */
  usd?: number;
  /** Input + output tokens. */
  tokens?: number;
  /** Model calls. */
  requests?: number;
}

/**
 * One budget (contract). A call is admitted only if every matching rule's bucket can hold it.
 *
 * @example
 * { id: "user-daily", scope: "userId", window: "day", limit: { usd: 5 }, timezone: "America/Los_Angeles", thresholds: [0.8, 1] }
 */
export interface BudgetRule {
  /** Unique among the rules; part of every bucket key. */
  id: string;
  /** `global` or a context key (`userId`, `teamId`, `feature`, …). A call without that key is not counted by the rule. */
  scope: "global" | (string & {});
  window: BudgetWindow;
  limit: BudgetLimit;
  /** IANA timezone calendar windows align to. Default `UTC`. */
  timezone?: string;
  /** Default `block`. */
  mode?: BudgetMode;
  /** Fractions in (0, 1] that fire a `threshold` event once per window, e.g. `[0.5, 0.8, 1]`. */
  thresholds?: number[];
  /**
   * Only calls to these models/providers count. Compared case-insensitively with the catalog
   * ids; a trailing `*` matches a prefix (`gpt-4o*`); a model pattern with `:` matches
   * `provider:model`.
   */
  match?: { models?: string[]; providers?: string[] };
}
