/**
 * A streaming, non-cryptographic 64-bit hash: two 32-bit multiply–xor lanes (the cyrb53
 * construction, widened to 64 output bits). Fast and stable across processes and versions of
 * Node; good enough to tell prompts apart, not to resist an attacker.
 */
export interface HashState {
  first: number;
  second: number;
}

const SEED_FIRST = 0xdeadbeef;
const SEED_SECOND = 0x41c6ce57;

/** A fresh hash state. */
export function createHashState(): HashState {
  return { first: SEED_FIRST, second: SEED_SECOND };
}

const MULTIPLIER_FIRST = 2654435761;
const MULTIPLIER_SECOND = 1597334677;

/**
 * Structure markers fed by {@link hashTag}: negative, so a marker never reads like the length
 * prefix of a string (lengths are ≥ 0) at the same position.
 */
export const HASH_TAGS = {
  object: -1,
  list: -2,
  null: -3,
  deep: -4,
  message: -5,
  prompt: -6,
  tools: -7,
  bytes: -8,
  scalar: -9,
} as const;

/** Feeds one integer (a structure marker or a count) as a single step. */
export function hashTag(state: HashState, value: number): void {
  state.first = Math.imul(state.first ^ value, MULTIPLIER_FIRST);
  state.second = Math.imul(state.second ^ value, MULTIPLIER_SECOND);
}

/**
 * Feeds a string, prefixed with its length (so `["ab", "c"]` and `["a", "bc"]` hash apart),
 * two UTF-16 units per step: prompts are mostly long texts, and this loop is most of the
 * hashing cost. The lanes live in locals: int32 values past 2^30 are heap numbers, so writing
 * them to the state object on every step would allocate.
 */
export function hashText(state: HashState, text: string): void {
  const length = text.length;
  let first = Math.imul(state.first ^ length, MULTIPLIER_FIRST);
  let second = Math.imul(state.second ^ length, MULTIPLIER_SECOND);
  const pairsEnd = length - (length & 1);
  for (let index = 0; index < pairsEnd; index += 2) {
    const unit = (text.charCodeAt(index) << 16) | text.charCodeAt(index + 1);
    first = Math.imul(first ^ unit, MULTIPLIER_FIRST);
    second = Math.imul(second ^ unit, MULTIPLIER_SECOND);
  }
  if (pairsEnd < length) {
    const unit = text.charCodeAt(pairsEnd);
    first = Math.imul(first ^ unit, MULTIPLIER_FIRST);
    second = Math.imul(second ^ unit, MULTIPLIER_SECOND);
  }
  state.first = first;
  state.second = second;
}

/** Feeds raw bytes (binary image or file data), prefixed with their length. */
export function hashBytes(state: HashState, bytes: Uint8Array): void {
  hashTag(state, HASH_TAGS.bytes);
  hashTag(state, bytes.length);
  let first = state.first;
  let second = state.second;
  for (let index = 0; index < bytes.length; index++) {
    const unit = bytes[index] as number;
    first = Math.imul(first ^ unit, MULTIPLIER_FIRST);
    second = Math.imul(second ^ unit, MULTIPLIER_SECOND);
  }
  state.first = first;
  state.second = second;
}

/** The 16-hex-digit digest of the state (the state is not changed). */
export function digestHex(state: HashState): string {
  let first = state.first;
  let second = state.second;
  first = Math.imul(first ^ (first >>> 16), 2246822507);
  first ^= Math.imul(second ^ (second >>> 13), 3266489909);
  second = Math.imul(second ^ (second >>> 16), 2246822507);
  second ^= Math.imul(first ^ (first >>> 13), 3266489909);
  // One string built from 16 digit codes: no intermediate strings.
  return String.fromCharCode(
    hexDigit(second >>> 28),
    hexDigit((second >>> 24) & 15),
    hexDigit((second >>> 20) & 15),
    hexDigit((second >>> 16) & 15),
    hexDigit((second >>> 12) & 15),
    hexDigit((second >>> 8) & 15),
    hexDigit((second >>> 4) & 15),
    hexDigit(second & 15),
    hexDigit(first >>> 28),
    hexDigit((first >>> 24) & 15),
    hexDigit((first >>> 20) & 15),
    hexDigit((first >>> 16) & 15),
    hexDigit((first >>> 12) & 15),
    hexDigit((first >>> 8) & 15),
    hexDigit((first >>> 4) & 15),
    hexDigit(first & 15),
  );
}

/** Char code of a hex digit 0–15 (`0`–`9`, `a`–`f`). */
function hexDigit(value: number): number {
  return value < 10 ? 48 + value : 87 + value;
}
