import type { UsageRecord } from "../ledger/types.js";
import type { Alert } from "./alert.js";

/**
 * "Any user over $X this month": keeps each user's spend for the current UTC month from the
 * records it is shown and returns one alert the first time a user's sum passes the limit —
 * once per user per month. Sums are of what this process saw since it started; months before
 * the current one are forgotten.
 */
export interface UserMonthlySpend {
  observe(record: UsageRecord): Alert | undefined;
}

export function userMonthlySpend(options: {
  limitUsd: number;
  userKey?: string;
}): UserMonthlySpend {
  const limitNanoUsd = Math.round(options.limitUsd * 1e9);
  const userKey = options.userKey ?? "userId";
  let month = "";
  let spentNanoUsd = new Map<string, number>();
  let alerted = new Set<string>();
  return {
    observe(record) {
      const user = record.context[userKey];
      if (typeof user !== "string" || !record.priced) return undefined;
      const recordMonth = record.time.slice(0, 7);
      if (recordMonth > month) {
        month = recordMonth;
        spentNanoUsd = new Map();
        alerted = new Set();
      } else if (recordMonth < month) {
        return undefined; // a late record of a month already closed here
      }
      const total = (spentNanoUsd.get(user) ?? 0) + record.costNanoUsd;
      spentNanoUsd.set(user, total);
      if (total <= limitNanoUsd || alerted.has(user)) return undefined;
      alerted.add(user);
      return {
        kind: "user-over-limit",
        idempotencyKey: `user-over-limit:${userKey}=${user}:${month}:${limitNanoUsd}`,
        time: record.time,
        summary: `${userKey} ${user} spent $${(total / 1e9).toFixed(2)} in ${month}, over $${options.limitUsd.toFixed(2)}`,
        details: {
          [userKey]: user,
          month,
          spentUsd: total / 1e9,
          limitUsd: options.limitUsd,
        },
      };
    },
  };
}
