import { InvalidArgumentError } from "commander";

const RELATIVE = /^(\d+)\s*(s|m|h|d|w)$/i;
const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses a time flag: an ISO-8601 date or time (`2026-11-22`, `2026-11-22T10:00Z`), epoch ms, or
 * a duration back from now (`30m`, `24h`, `7d`, `2w`). Throws commander's `InvalidArgumentError`.
 */
export function parseTimeFlag(value: string, nowMs: number): number {
  const relative = RELATIVE.exec(value.trim());
  if (relative)
    return nowMs - Number(relative[1]) * (UNIT_MS[(relative[2] ?? "").toLowerCase()] ?? 0);
  if (/^\d{10,}$/.test(value)) return Number(value);
  const timeMs = Date.parse(value);
  if (!Number.isFinite(timeMs)) {
    throw new InvalidArgumentError(
      "Use an ISO date or time (2026-11-22, 2026-11-22T10:00Z), epoch ms, or a duration back from now (30m, 24h, 7d, 2w).",
    );
  }
  return timeMs;
}

/** Context keys the `--by` flag accepts under a short name. */
const GROUP_ALIASES: Readonly<Record<string, string>> = { user: "userId", team: "teamId" };

/** Parses `--by model,user`: group keys, `user`/`team` meaning `userId`/`teamId`. */
export function parseGroupBy(value: string): string[] {
  const keys = value
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key !== "")
    .map((key) => GROUP_ALIASES[key] ?? key);
  if (keys.length === 0) {
    throw new InvalidArgumentError(
      "Give one or more of model, provider, day, status, kind, user, team, feature or any context key, comma-separated.",
    );
  }
  return [...new Set(keys)];
}

/** Parses repeated `--where key=value` into a context filter. */
export function parseWhere(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const index = value.indexOf("=");
  if (index <= 0 || index === value.length - 1) {
    throw new InvalidArgumentError("Use key=value, e.g. --where teamId=growth (repeat for more).");
  }
  const key = value.slice(0, index).trim();
  return { ...previous, [GROUP_ALIASES[key] ?? key]: value.slice(index + 1).trim() };
}

/** Parses a positive whole number of tokens or records. */
export function parsePositiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number <= 0) {
    throw new InvalidArgumentError("Must be a whole number greater than 0.");
  }
  return number;
}
