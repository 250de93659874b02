/**
 * Postgres `text` and `jsonb` cannot hold U+0000, nor a lone surrogate (it has no UTF-8). So
 * every string the Postgres store writes (record fields and context, ids, keys) goes through
 * {@link escapePostgresText}: U+0000, each lone surrogate and the escape character U+E000 itself
 * become U+E000 + 4 lowercase hex digits. Escaped, never dropped: reads undo it exactly, and a
 * string without those characters is stored unchanged.
 */
const ESCAPE = "\uE000";
/** With the `u` flag a surrogate pair is one code point: only lone surrogates match the range. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what this escapes.
const NEEDS_ESCAPE = /[\u0000\uE000]|[\uD800-\uDFFF]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is what this escapes.
const NEEDS_ESCAPE_ALL = /[\u0000\uE000]|[\uD800-\uDFFF]/gu;
const ESCAPED = /\uE000([0-9a-f]{4})/g;

/** `value` in a form Postgres text can hold (unchanged unless it has U+0000, U+E000 or a lone surrogate). */
export function escapePostgresText(value: string): string {
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(
    NEEDS_ESCAPE_ALL,
    (character) => `${ESCAPE}${character.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** Undoes {@link escapePostgresText}. */
export function unescapePostgresText(value: string): string {
  if (!value.includes(ESCAPE)) return value;
  return value.replace(ESCAPED, (_match, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/**
 * `value` as JSON Postgres `jsonb` accepts: when the plain JSON has an escaped U+0000, a lone
 * surrogate or U+E000, every string (object keys too) is escaped first.
 */
export function postgresJson(value: unknown): string {
  const json = JSON.stringify(value);
  // JSON.stringify writes U+0000 as \u0000 and a lone surrogate as \udXXX; U+E000 stays raw.
  if (!/\\u0000|\\ud[89a-f]|\uE000/i.test(json)) return json;
  return JSON.stringify(mapStrings(value, escapePostgresText));
}

/** Undoes the escaping of {@link postgresJson} on a value read back (strings and keys). */
export function unescapePostgresJson<T>(value: T): T {
  return mapStrings(value, unescapePostgresText) as T;
}

function mapStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, map));
  if (value !== null && typeof value === "object") {
    // fromEntries defines own properties: a "__proto__" key stays a key.
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [map(key), mapStrings(inner, map)]),
    );
  }
  return value;
}
