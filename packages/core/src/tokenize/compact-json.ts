import { deepJson } from "./deep-json.js";

function replaceBinary(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return "[binary]";
  return value;
}

/**
 * Text as the model sees it for a JSON value: strings as they are, everything else as
 * compact JSON (binary as a placeholder). Never throws: values `JSON.stringify` cannot write
 * (nested thousands of levels deep, cyclic) are written by {@link deepJson}, and `String()`
 * is the last resort (a throwing `toJSON`).
 */
export function compactJson(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  try {
    return JSON.stringify(value, replaceBinary) ?? "";
  } catch {
    try {
      return deepJson(value);
    } catch {
      return String(value);
    }
  }
}
