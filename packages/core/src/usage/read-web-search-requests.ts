import { readCount, readRecord } from "./read-count.js";

/**
 * Web-search requests in a provider's raw usage object: Anthropic's
 * `server_tool_use.web_search_requests` (billed per 1,000 searches, apart from tokens).
 * `undefined` when the object does not say. OpenAI's web search calls and Google's grounding
 * are not reported in usage, so they are not read here.
 *
 * @throws InvalidUsageError when the count is malformed.
 * @internal used by the normalizers.
 */
export function readWebSearchRequests(
  raw: unknown,
  field: string,
  source: string,
): number | undefined {
  const serverToolUse = readRecord(readRecord(raw)?.server_tool_use);
  if (serverToolUse === undefined) return undefined;
  return readCount(
    serverToolUse.web_search_requests,
    `${field}.server_tool_use.web_search_requests`,
    source,
  );
}
