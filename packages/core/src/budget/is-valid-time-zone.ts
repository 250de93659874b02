/** Zones found valid so far: only valid ones, so the set is bounded by the IANA list. */
const validZones = new Set<string>();

/**
 * True when `Intl` knows `timeZone` as an IANA zone (or `UTC`). Answered once per zone per
 * process: the check builds an `Intl.DateTimeFormat` (~0.1 ms), once per rule of every ledger.
 */
export function isValidTimeZone(timeZone: string): boolean {
  if (validZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    return false;
  }
  validZones.add(timeZone);
  return true;
}
