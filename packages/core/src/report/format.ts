import { formatUsd } from "../insights/make-insight.js";
import { nanoUsdToUsd } from "../money/nano-usd.js";

/** Dollars for reports (see `formatUsd`): `$1,234.56`, `$0.0123`, `$0.000012`. */
export function formatDollars(nanoUsd: number, decimals?: number): string {
  return formatUsd(nanoUsd, decimals);
}

/** Decimals that suit a column of dollar amounts whose largest value is `maxNanoUsd`. */
export function dollarDecimalsFor(maxNanoUsd: number): number {
  return nanoUsdToUsd(maxNanoUsd) >= 100 ? 2 : 4;
}

/** `1,234,567`. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** `950`, `12.3k`, `4.56M`, `1.2B`: compact token counts for charts. */
export function formatCompact(value: number): string {
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9) return `${trim(value / 1e9)}B`;
  if (magnitude >= 1e6) return `${trim(value / 1e6)}M`;
  if (magnitude >= 1e3) return `${trim(value / 1e3)}k`;
  return String(Math.round(value));
}

function trim(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** `42.0%`; `0%` for a zero denominator. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return "0%";
  return `${((part / whole) * 100).toFixed(1)}%`;
}

/** `45s`, `12 min`, `3 h 20 min`, `2 d 4 h`: a duration for humans. */
export function formatDuration(durationMs: number): string {
  const seconds = Math.max(0, Math.round(durationMs / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/** `2026-11-22 14:05 UTC`. */
export function formatUtc(time: Date | string | number): string {
  const date = time instanceof Date ? time : new Date(time);
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}
