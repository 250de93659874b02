import type { UsageRecord } from "../ledger/types.js";

/** Records sorted by time, oldest first (stable for equal times). */
export function oldestFirst(records: readonly UsageRecord[]): UsageRecord[] {
  return records
    .map((record, index) => ({ record, index, timeMs: Date.parse(record.time) }))
    .sort((left, right) => left.timeMs - right.timeMs || left.index - right.index)
    .map((entry) => entry.record);
}

/** Groups records by a key, keeping the order they came in. */
export function groupRecords(
  records: readonly UsageRecord[],
  keyOf: (record: UsageRecord) => string | undefined,
): Map<string, UsageRecord[]> {
  const groups = new Map<string, UsageRecord[]>();
  for (const record of records) {
    const key = keyOf(record);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  return groups;
}

/** The record's `feature` context value, or `null`. */
export function featureOf(record: UsageRecord): string | null {
  const feature = record.context.feature;
  return typeof feature === "string" ? feature : null;
}

/** The `feature` every record shares, or `null` when they differ or have none. */
export function commonFeature(records: readonly UsageRecord[]): string | null {
  const first = records[0];
  if (first === undefined) return null;
  const feature = featureOf(first);
  return records.every((record) => featureOf(record) === feature) ? feature : null;
}

/** `provider:model` of a record, the key most rules group by. */
export function modelKeyOf(record: UsageRecord): string {
  return `${record.provider}:${record.model}`;
}

/** `provider:model`, plus ` (feature "x")` when the feature is known, for titles. */
export function subjectLabel(provider: string, model: string, feature: string | null): string {
  return feature === null ? `${provider}:${model}` : `${provider}:${model} (feature "${feature}")`;
}

/** Sum of record costs, integer nano-USD. */
export function costOf(records: readonly UsageRecord[]): number {
  let total = 0;
  for (const record of records) total += record.costNanoUsd;
  return total;
}
