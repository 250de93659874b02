import type { CalendarWindowUnit } from "./budget-rule.js";
import { type WallTime, wallTimeAsUtcMs, type ZonedClock } from "./zoned-clock.js";

const DAY_MS = 86_400_000;

/** The calendar window an instant falls in. */
export interface CalendarWindow {
  /** `day:2026-11-22`, `week:2026-W47`, `month:2026-11`, `hour:2026-11-22T13`, `minute:2026-11-22T13:05`. */
  windowKey: string;
  /** First instant of the window (epoch ms). */
  windowStart: number;
  /** First instant of the next window (epoch ms). */
  resetsAt: number;
}

/** Finds the calendar window of an instant; caches the last window so most calls do no Intl work. */
export type CalendarWindowFinder = (nowMs: number) => CalendarWindow;

const pad = (value: number, width = 2): string => String(value).padStart(width, "0");

const formatYear = (year: number): string =>
  year < 0 ? `-${pad(-year, 4)}` : year > 9999 ? `+${year}` : pad(year, 4);

const formatDate = (wall: WallTime): string =>
  `${formatYear(wall.year)}-${pad(wall.month)}-${pad(wall.day)}`;

/** A wall time at midnight of a (possibly overflowing) date; `Date.UTC` normalizes the overflow. */
const normalizedWall = (
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
): WallTime => {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute));
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear undoes that.
  if (year >= 0 && year < 100) date.setUTCFullYear(year, month - 1, day);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: 0,
  };
};

/** ISO-8601 week (Monday start; week 1 holds the year's first Thursday) of a local date. */
export function isoWeekOf(wall: WallTime): { isoYear: number; week: number; monday: WallTime } {
  const dateMs = wallTimeAsUtcMs({ ...wall, hour: 0, minute: 0, second: 0 });
  const weekday = new Date(dateMs).getUTCDay() || 7; // Monday 1 … Sunday 7
  const thursdayMs = dateMs + (4 - weekday) * DAY_MS;
  const thursday = new Date(thursdayMs);
  const isoYear = thursday.getUTCFullYear();
  const januaryFirstMs = wallTimeAsUtcMs({
    year: isoYear,
    month: 1,
    day: 1,
    hour: 0,
    minute: 0,
    second: 0,
  });
  const week = Math.floor((thursdayMs - januaryFirstMs) / DAY_MS / 7) + 1;
  const monday = normalizedWall(wall.year, wall.month, wall.day - (weekday - 1));
  return { isoYear, week, monday };
}

/** Window key, first wall time of the window and first wall time of the next one. */
function windowOfWall(
  unit: CalendarWindowUnit,
  wall: WallTime,
): { windowKey: string; start: WallTime; next: WallTime } {
  switch (unit) {
    case "minute":
      return {
        windowKey: `minute:${formatDate(wall)}T${pad(wall.hour)}:${pad(wall.minute)}`,
        start: { ...wall, second: 0 },
        next: normalizedWall(wall.year, wall.month, wall.day, wall.hour, wall.minute + 1),
      };
    case "hour":
      return {
        windowKey: `hour:${formatDate(wall)}T${pad(wall.hour)}`,
        start: { ...wall, minute: 0, second: 0 },
        next: normalizedWall(wall.year, wall.month, wall.day, wall.hour + 1),
      };
    case "day":
      return {
        windowKey: `day:${formatDate(wall)}`,
        start: { ...wall, hour: 0, minute: 0, second: 0 },
        next: normalizedWall(wall.year, wall.month, wall.day + 1),
      };
    case "week": {
      const { isoYear, week, monday } = isoWeekOf(wall);
      return {
        windowKey: `week:${formatYear(isoYear)}-W${pad(week)}`,
        start: monday,
        next: normalizedWall(monday.year, monday.month, monday.day + 7),
      };
    }
    case "month":
      return {
        windowKey: `month:${formatYear(wall.year)}-${pad(wall.month)}`,
        start: { ...wall, day: 1, hour: 0, minute: 0, second: 0 },
        next: normalizedWall(wall.year, wall.month + 1, 1),
      };
  }
}

/**
 * Builds a finder for `unit` windows in the clock's timezone. Windows follow local wall time,
 * so a `day` in `America/Los_Angeles` runs from local midnight to local midnight (23 or 25
 * hours on DST days) and both passes of a repeated local hour share one `hour` key. Pass a UTC
 * clock for `minute` windows: minutes are the same everywhere and a repeated local minute
 * would otherwise share a key an hour apart.
 *
 * Known limit: in the few zones that turn clocks back across midnight (America/Santiago,
 * Asia/Beirut) the repeated hour carries the earlier day's key, as its wall time says.
 */
export function createCalendarWindowFinder(
  unit: CalendarWindowUnit,
  clock: ZonedClock,
): CalendarWindowFinder {
  let cached: CalendarWindow | undefined;
  return (nowMs) => {
    if (cached && nowMs >= cached.windowStart && nowMs < cached.resetsAt) return cached;
    const wall = clock.wallTimeAt(nowMs);
    const { windowKey, start, next } = windowOfWall(unit, wall);
    const starts = clock.instantsOf(start);
    const nexts = clock.instantsOf(next);
    const window: CalendarWindow = {
      windowKey,
      // On repeated wall times pick the occurrences around `now`.
      windowStart: [...starts].reverse().find((instantMs) => instantMs <= nowMs) ?? starts[0]!,
      resetsAt: nexts.find((instantMs) => instantMs > nowMs) ?? nexts[nexts.length - 1]!,
    };
    cached = window;
    return window;
  };
}
