import type { AggregateQuery } from "../store/ledger-query.js";
import type { ReportQuery } from "./types.js";

/** Maps the public report query onto the store's aggregate query (context arrays → first value). */
export function toAggregateQuery(query: ReportQuery): AggregateQuery {
  const aggregate: AggregateQuery = {};
  if (query.from !== undefined) aggregate.from = query.from;
  if (query.to !== undefined) aggregate.to = query.to;
  if (query.groupBy !== undefined) aggregate.groupBy = query.groupBy;
  if (query.model !== undefined) aggregate.model = query.model;
  if (query.provider !== undefined) aggregate.provider = query.provider;
  if (query.context !== undefined) {
    const context: Record<string, string> = {};
    for (const [key, value] of Object.entries(query.context)) {
      if (typeof value === "string") context[key] = value;
      else if (Array.isArray(value) && typeof value[0] === "string") context[key] = value[0];
    }
    aggregate.context = context;
  }
  return aggregate;
}
