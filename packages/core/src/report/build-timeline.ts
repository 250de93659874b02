import type { UsageRecord } from "../ledger/types.js";
import type { Timeline, TimelinePoint } from "./report-data.js";

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Bucket sizes a timeline picks from, smallest first. */
const BUCKET_SIZES_MS = [
  SECOND_MS,
  5 * SECOND_MS,
  15 * SECOND_MS,
  MINUTE_MS,
  5 * MINUTE_MS,
  15 * MINUTE_MS,
  HOUR_MS,
  3 * HOUR_MS,
  6 * HOUR_MS,
  DAY_MS,
  7 * DAY_MS,
  30 * DAY_MS,
];
const MAX_BUCKETS = 60;
const MAX_SERIES = 5;

/**
 * Spend over time: the records' span cut into at most 60 equal buckets (1 s to 30 days,
 * aligned to UTC multiples of the size), stacked by the 5 costliest `provider:model` series and
 * `other`. Empty buckets are kept so gaps show.
 */
export function buildTimeline(records: readonly UsageRecord[]): Timeline {
  if (records.length === 0) return { bucketMs: HOUR_MS, series: [], points: [] };
  let minMs = Number.POSITIVE_INFINITY;
  let maxMs = Number.NEGATIVE_INFINITY;
  const costBySeries = new Map<string, number>();
  for (const record of records) {
    const timeMs = Date.parse(record.time);
    if (timeMs < minMs) minMs = timeMs;
    if (timeMs > maxMs) maxMs = timeMs;
    const key = `${record.provider}:${record.model}`;
    costBySeries.set(key, (costBySeries.get(key) ?? 0) + record.costNanoUsd);
  }
  const ranked = [...costBySeries.entries()].sort(
    (left, right) => right[1] - left[1] || left[0].localeCompare(right[0]),
  );
  const series = ranked.slice(0, MAX_SERIES).map(([key]) => key);
  if (ranked.length > MAX_SERIES) series.push("other");
  const indexOf = new Map(series.map((key, index) => [key, index]));
  const otherIndex = indexOf.get("other");

  const spanMs = maxMs - minMs;
  const bucketMs =
    BUCKET_SIZES_MS.find(
      (size) => Math.floor(maxMs / size) - Math.floor(minMs / size) < MAX_BUCKETS,
    ) ??
    (BUCKET_SIZES_MS[BUCKET_SIZES_MS.length - 1] as number) *
      Math.ceil(spanMs / (30 * DAY_MS * MAX_BUCKETS) + 1);
  const firstBucket = Math.floor(minMs / bucketMs);
  const lastBucket = Math.floor(maxMs / bucketMs);
  const points: TimelinePoint[] = [];
  for (let bucket = firstBucket; bucket <= lastBucket; bucket++) {
    points.push({ startMs: bucket * bucketMs, costNanoUsd: series.map(() => 0), requests: 0 });
  }
  for (const record of records) {
    const point = points[Math.floor(Date.parse(record.time) / bucketMs) - firstBucket];
    if (!point) continue;
    const index = indexOf.get(`${record.provider}:${record.model}`) ?? otherIndex;
    if (index !== undefined)
      point.costNanoUsd[index] = (point.costNanoUsd[index] ?? 0) + record.costNanoUsd;
    point.requests++;
  }
  return { bucketMs, series, points };
}
