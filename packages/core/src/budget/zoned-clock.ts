const DAY_MS = 86_400_000;

/** A local calendar date and time in some timezone. `month` is 1–12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * Converts between instants and wall-clock time in one IANA timezone, with the
 * `Intl.DateTimeFormat` built once (formatters are costly to create, cheap to use).
 */
export interface ZonedClock {
  readonly timeZone: string;
  /** Local wall time of an instant (epoch ms). */
  wallTimeAt(instantMs: number): WallTime;
  /**
   * The instants whose local time is `wall`, ascending: one normally, two on a repeated hour
   * (DST fall-back). Inside a skipped hour (spring-forward) the one instant reached by keeping the
   * offset from before the jump (02:30 in a 02:00→03:00 gap gives 03:30), like Temporal's
   * `compatible` disambiguation.
   */
  instantsOf(wall: WallTime): number[];
}

/** Wall time read as if it were UTC, in ms (used for date arithmetic and offsets). */
export function wallTimeAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Builds a {@link ZonedClock}. `timeZone` must be valid (checked at rule compile time). */
export function createZonedClock(timeZone: string): ZonedClock {
  const formatter = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    era: "short",
  });

  const wallTimeAt = (instantMs: number): WallTime => {
    const wall: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    let beforeCommonEra = false;
    for (const part of formatter.formatToParts(instantMs)) {
      switch (part.type) {
        case "year":
          wall.year = Number(part.value);
          break;
        case "month":
          wall.month = Number(part.value);
          break;
        case "day":
          wall.day = Number(part.value);
          break;
        case "hour":
          wall.hour = Number(part.value);
          break;
        case "minute":
          wall.minute = Number(part.value);
          break;
        case "second":
          wall.second = Number(part.value);
          break;
        case "era":
          beforeCommonEra = part.value === "BC" || part.value === "B";
          break;
      }
    }
    if (beforeCommonEra) wall.year = 1 - wall.year;
    return wall;
  };

  /** Local minus UTC, in ms, at an instant. */
  const offsetAt = (instantMs: number): number => {
    const wholeSecondMs = Math.floor(instantMs / 1000) * 1000;
    return wallTimeAsUtcMs(wallTimeAt(wholeSecondMs)) - wholeSecondMs;
  };

  const instantsOf = (wall: WallTime): number[] => {
    const wallMs = wallTimeAsUtcMs(wall);
    // Offsets a day either side bracket any transition near this wall time.
    const earlier = wallMs - offsetAt(wallMs - DAY_MS);
    const later = wallMs - offsetAt(wallMs + DAY_MS);
    const fits = (instantMs: number): boolean => offsetAt(instantMs) === wallMs - instantMs;
    const instants = [earlier, later].filter(fits).sort((left, right) => left - right);
    if (instants.length === 2 && instants[0] === instants[1]) instants.pop();
    if (instants.length > 0) return instants;
    // Skipped wall time: keep the offset from before the jump, landing after it.
    return [earlier];
  };

  return { timeZone, wallTimeAt, instantsOf };
}
