import type { RecordQuery } from "../store/ledger-query.js";
import type { InsightQuery } from "./types.js";

/** Records examined by default: the newest 100,000. */
export const DEFAULT_INSIGHT_RECORD_LIMIT = 100_000;

/** Maps an insight query onto the store's record query (context lists → their first value). */
export function toRecordQuery(query: InsightQuery): RecordQuery {
  const recordQuery: RecordQuery = { limit: query.limit ?? DEFAULT_INSIGHT_RECORD_LIMIT };
  if (query.from !== undefined) recordQuery.from = query.from;
  if (query.to !== undefined) recordQuery.to = query.to;
  if (query.model !== undefined) recordQuery.model = query.model;
  if (query.provider !== undefined) recordQuery.provider = query.provider;
  if (query.context !== undefined) {
    const context: Record<string, string> = {};
    for (const [key, value] of Object.entries(query.context)) {
      if (typeof value === "string") context[key] = value;
      else if (Array.isArray(value) && typeof value[0] === "string") context[key] = value[0];
    }
    recordQuery.context = context;
  }
  return recordQuery;
}
