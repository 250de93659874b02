/** The minute `recordTimeMs` parsed last: its `YYYY-MM-DDTHH:MM:` text and first millisecond. */
let minutePrefix = "";
let minuteStartMs = Number.NaN;

const PREFIX_LENGTH = "YYYY-MM-DDTHH:MM:".length;

/**
 * `Date.parse(time)` for a record's ISO-8601 `time`, without a full parse per record: records
 * arrive in time order, so nearly every one shares its minute with the one before, and only
 * `SS.sssZ` is read then. Anything else (another minute, an offset, fewer digits) goes through
 * `Date.parse`. `NaN` for an invalid time.
 */
export function recordTimeMs(time: string): number {
  if (
    minutePrefix !== "" &&
    time.length === 24 &&
    time.startsWith(minutePrefix) &&
    time.charCodeAt(23) === 90
  ) {
    const seconds = twoDigits(time, 17);
    const milliseconds = twoDigits(time, 20) * 10 + digit(time, 22);
    if (time.charCodeAt(19) === 46 && seconds >= 0 && seconds < 60 && milliseconds >= 0) {
      return minuteStartMs + seconds * 1000 + milliseconds;
    }
  }
  const parsed = Date.parse(time);
  if (Number.isFinite(parsed) && time.length === 24 && time.charCodeAt(23) === 90) {
    minutePrefix = time.slice(0, PREFIX_LENGTH);
    minuteStartMs = Date.parse(`${minutePrefix}00.000Z`);
  }
  return parsed;
}

/** The digit at `index` (0–9), or a large negative number for anything else. */
function digit(text: string, index: number): number {
  const value = text.charCodeAt(index) - 48;
  return value >= 0 && value <= 9 ? value : -1000;
}

function twoDigits(text: string, index: number): number {
  return digit(text, index) * 10 + digit(text, index + 1);
}
