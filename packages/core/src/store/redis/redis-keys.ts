import { createHash } from "node:crypto";

/** Encoded key parts longer than this are replaced by `#<sha256 hex>`. */
export const MAX_KEY_PART_LENGTH = 200;

const SAFE_CHARACTER = /[A-Za-z0-9\-._~:|=@+,]/;
/** A lone surrogate (with the `u` flag, a surrogate pair is one code point and does not match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const ALL_SAFE = /^[A-Za-z0-9\-._~:|=@+,]*$/;

/**
 * Encodes a user-controlled string (bucket key, reservation id, claim key, record id) into one
 * Redis key segment that cannot leave its namespace: every character outside
 * `A-Z a-z 0-9 - . _ ~ : | = @ + ,` is percent-encoded (UTF-8), `%` included, so braces (Redis
 * Cluster hash tags), newlines, spaces and `%` never appear raw and the encoding is injective.
 * Results longer than {@link MAX_KEY_PART_LENGTH} become `#` + SHA-256 hex (`#` is never
 * produced by the encoding, so a hashed part cannot equal an encoded one).
 *
 * A lone surrogate has no UTF-8 (it would become U+FFFD, the same bytes for all of them): it is
 * written `%u` + 4 hex digits (`%` is otherwise followed by two hex digits), and a long value
 * with one is hashed from that form under `#!` (`!` never appears in the other two forms).
 */
export function encodeKeyPart(value: string): string {
  if (value.length <= MAX_KEY_PART_LENGTH && ALL_SAFE.test(value)) return value;
  let encoded = "";
  for (const character of value) {
    if (SAFE_CHARACTER.test(character)) {
      encoded += character;
    } else if (LONE_SURROGATE.test(character)) {
      encoded += `%u${character.charCodeAt(0).toString(16).toUpperCase()}`;
    } else {
      for (const byte of Buffer.from(character, "utf8")) {
        encoded += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
      }
    }
    if (encoded.length > MAX_KEY_PART_LENGTH) break;
  }
  if (encoded.length <= MAX_KEY_PART_LENGTH) return encoded;
  if (LONE_SURROGATE.test(value)) {
    return `#!${createHash("sha256").update(encodeLoneSurrogates(value), "utf8").digest("hex")}`;
  }
  return `#${createHash("sha256").update(value, "utf8").digest("hex")}`;
}

/** Names of every key the Redis store uses under one prefix. */
export interface RedisKeyspace {
  readonly prefix: string;
  /** Hash of a bucket: spent, held and rolling sums, logical expiry, window, bookkeeping. */
  bucket(encodedKey: string): string;
  /** Sorted set of a bucket's holds (score: hold expiry ms). */
  holds(encodedKey: string): string;
  /** Sorted set of a rolling bucket's charges (score: charge time ms). */
  rolling(encodedKey: string): string;
  /** A reservation (string): state, forget time, outcome, its holds. */
  reservation(encodedId: string): string;
  /** A once-per-window claim. */
  claim(encodedKey: string): string;
  /** Sorted set of raw records (score: time ms, member: zero-padded sequence). */
  readonly records: string;
  /** Hash sequence → `<encoded id>\n<record JSON>`. */
  readonly recordData: string;
  /** Hash encoded record id → sequence (dedupes appends). */
  readonly recordIds: string;
  /** Counter of record sequences. */
  readonly recordSequence: string;
  /** Sorted set of UTC days that have aggregate sums (score: day start ms). */
  readonly aggregateDays: string;
}

/** Key names under `prefix` (used as given: choose distinct prefixes, neither a prefix of another). */
export function redisKeyspace(prefix: string): RedisKeyspace {
  return {
    prefix,
    bucket: (encodedKey) => `${prefix}b:${encodedKey}`,
    holds: (encodedKey) => `${prefix}h:${encodedKey}`,
    rolling: (encodedKey) => `${prefix}w:${encodedKey}`,
    reservation: (encodedId) => `${prefix}r:${encodedId}`,
    claim: (encodedKey) => `${prefix}c:${encodedKey}`,
    records: `${prefix}rec`,
    recordData: `${prefix}rec:data`,
    recordIds: `${prefix}rec:ids`,
    recordSequence: `${prefix}rec:seq`,
    aggregateDays: `${prefix}agg:days`,
  };
}

/** `value` with each lone surrogate written `%u` + 4 hex digits and `%` as `%25` (injective). */
function encodeLoneSurrogates(value: string): string {
  let encoded = "";
  for (const character of value) {
    if (character === "%") encoded += "%25";
    else if (LONE_SURROGATE.test(character)) {
      encoded += `%u${character.charCodeAt(0).toString(16).toUpperCase()}`;
    } else encoded += character;
  }
  return encoded;
}
