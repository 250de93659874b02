/** An object or array being written: its members are written one at a time. */
interface Frame {
  container: object;
  /** Own enumerable keys of an object; `undefined` for an array. */
  keys: string[] | undefined;
  /** Members seen so far. */
  next: number;
  /** Members written so far (an object leaves out `undefined` and functions). */
  written: number;
}

const CIRCULAR = '"[circular]"';

/** What `JSON.stringify` would serialize for `value` under `key`, with binary and bigint replaced. */
function prepare(value: unknown, key: string): unknown {
  let current = value;
  if (typeof current === "object" && current !== null) {
    const toJson = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJson === "function") current = toJson.call(current, key);
  }
  if (typeof current === "bigint") return current.toString();
  if (current instanceof Uint8Array || current instanceof ArrayBuffer) return "[binary]";
  if (current instanceof Number) return Number(current);
  if (current instanceof String) return String(current);
  if (current instanceof Boolean) return current.valueOf();
  return current;
}

/** `undefined`, functions and symbols: left out of objects, `null` in arrays. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

function scalarJson(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  return JSON.stringify(value);
}

function openFrame(container: object): Frame {
  const keys = Array.isArray(container) ? undefined : Object.keys(container);
  return { container, keys, next: 0, written: 0 };
}

/**
 * Compact JSON of a value nested to any depth (`JSON.stringify` overflows the stack near 5,000
 * levels), written with an explicit stack of open objects and arrays: the same text as
 * `JSON.stringify` with bigints as strings and binary as `"[binary]"`, and a cycle written as
 * `"[circular]"` instead of throwing. Linear in the size of the value (bench row G4, deep
 * nesting: one small frame per open container, not one task per member).
 */
export function deepJson(root: unknown): string {
  const first = prepare(root, "");
  if (isOmitted(first)) return "";
  if (typeof first !== "object" || first === null) return scalarJson(first);
  let output = Array.isArray(first) ? "[" : "{";
  const ancestors = new Set<object>([first]);
  const frames: Frame[] = [openFrame(first)];
  for (let frame = frames.at(-1); frame !== undefined; frame = frames.at(-1)) {
    const { container, keys } = frame;
    const length = keys === undefined ? (container as unknown[]).length : keys.length;
    if (frame.next >= length) {
      output += keys === undefined ? "]" : "}";
      ancestors.delete(container);
      frames.pop();
      continue;
    }
    const index = frame.next++;
    const key = keys === undefined ? String(index) : (keys[index] as string);
    const value = prepare((container as Record<string, unknown>)[key], key);
    if (keys !== undefined && isOmitted(value)) continue;
    if (frame.written++ > 0) output += ",";
    if (keys !== undefined) output += `${JSON.stringify(key)}:`;
    if (isOmitted(value)) {
      output += "null";
    } else if (typeof value !== "object" || value === null) {
      output += scalarJson(value);
    } else if (ancestors.has(value)) {
      output += CIRCULAR;
    } else {
      output += Array.isArray(value) ? "[" : "{";
      ancestors.add(value);
      frames.push(openFrame(value));
    }
  }
  return output;
}
