const MINUTE_MS = 60_000;

/** The minute `isoTime` formatted last: its first millisecond and its `YYYY-MM-DDTHH:MM:` text. */
let minuteStartMs = Number.NaN;
let minutePrefix = "";

/**
 * `new Date(timeMs).toISOString()` for a record's `time`, without building a `Date` per call:
 * the date-and-minute prefix is formatted once per minute and reused (records come in time
 * order, so nearly every call is in the same minute as the one before). Same text for every
 * time `Date` accepts.
 */
export function isoTime(timeMs: number): string {
  const offsetMs = timeMs - minuteStartMs;
  if (!(offsetMs >= 0 && offsetMs < MINUTE_MS) || !Number.isInteger(timeMs)) {
    const iso = new Date(timeMs).toISOString();
    if (!Number.isInteger(timeMs)) return iso;
    minuteStartMs = Math.floor(timeMs / MINUTE_MS) * MINUTE_MS;
    // Keep "…THH:MM:" of "…THH:MM:SS.sssZ".
    minutePrefix = iso.slice(0, -"SS.sssZ".length);
    return iso;
  }
  const seconds = Math.floor(offsetMs / 1000);
  const milliseconds = offsetMs - seconds * 1000;
  const millisecondsPad = milliseconds < 10 ? "00" : milliseconds < 100 ? "0" : "";
  // "SS.sssZ" first: a string that short is built flat, so the result is one two-part string.
  const secondsText = `${seconds < 10 ? "0" : ""}${seconds}.${millisecondsPad}${milliseconds}Z`;
  return minutePrefix + secondsText;
}
