/**
 * A rejected value as a message shows it: strings quoted (`"5"`), numbers as written (`NaN`,
 * `Infinity`, `-1`), containers by kind (`an array`, `an object`) so a message never dumps data.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  if (typeof value === "object") return "an object";
  return String(value);
}
