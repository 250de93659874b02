import type { AggregateRow } from "../store/ledger-query.js";

/**
 * The keys to aggregate by so a `model` group never merges two providers' models of the same
 * id: `provider` is added right after `model` when the user did not group by it.
 */
export function groupKeysWithProvider(groupBy: readonly string[]): string[] {
  if (!groupBy.includes("model") || groupBy.includes("provider")) return [...groupBy];
  return groupBy.flatMap((key) => (key === "model" ? ["model", "provider"] : [key]));
}

/**
 * Rows aggregated by {@link groupKeysWithProvider} shown by the user's keys: `model` becomes
 * `provider:model` (`openai:gpt-4o`) and the added `provider` key is dropped. Rows already
 * grouped by `provider` by the user are returned unchanged.
 */
export function qualifyModelGroups(
  rows: readonly AggregateRow[],
  groupBy: readonly string[],
): AggregateRow[] {
  if (!groupBy.includes("model") || groupBy.includes("provider")) return [...rows];
  return rows.map((row) => {
    const { provider, ...group } = row.group;
    const model = group.model;
    if (model !== null && model !== undefined && provider !== null && provider !== undefined) {
      group.model = `${provider}:${model}`;
    }
    return { ...row, group };
  });
}
