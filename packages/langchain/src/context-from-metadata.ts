import type { LedgerContext } from "@tokenledger/core";

// Keys LangChain, LangGraph and LangSmith put into run metadata themselves.
const reservedPrefixes = ["ls_", "lc_", "langgraph_", "__", "checkpoint_"];
const reservedKeys = new Set(["versions", "checkpoint_ns", "run_id", "run_name"]);

/** Which run-metadata keys become ledger context. */
export type MetadataContextKeys = readonly string[] | "all" | false;

function isReserved(key: string): boolean {
  if (reservedKeys.has(key)) return true;
  for (const prefix of reservedPrefixes) if (key.startsWith(prefix)) return true;
  return false;
}

/**
 * Picks ledger context from a run's `metadata` (which LangChain passes down to every child
 * run, so `invoke(input, { metadata: { userId } })` attributes every nested model call).
 *
 * - `"all"` (default): every key with a string value, except LangChain's own (`ls_*`, `lc_*`,
 *   `langgraph_*`, `__*`, `checkpoint_*`, `versions`); `tags` when it is a list of strings.
 * - a list of keys: only those (string values; `tags` as a string list).
 * - `false`: none.
 */
export function contextFromMetadata(
  metadata: Record<string, unknown> | undefined,
  keys: MetadataContextKeys = "all",
): LedgerContext {
  const context: LedgerContext = {};
  if (!metadata || keys === false) return context;
  if (keys === "all") {
    for (const key in metadata) {
      if (!isReserved(key)) addContextValue(context, key, metadata[key]);
    }
    return context;
  }
  for (const key of keys) addContextValue(context, key, metadata[key]);
  return context;
}

/** Strings become context values; `tags` may be a list of strings (budgets scope on strings). */
function addContextValue(context: LedgerContext, key: string, value: unknown): void {
  if (typeof value === "string") {
    context[key] = value;
  } else if (
    key === "tags" &&
    Array.isArray(value) &&
    value.every((tag) => typeof tag === "string")
  ) {
    context.tags = value;
  }
}
