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
 * Feeds a string, prefixed with its length, so `["ab", "c"]` and `["a", "bc"]` hash apart.
 * The lanes live in locals inside the loops: int32 values past 2^30 are heap numbers, so
 * writing them to the state object on every unit would allocate on every character.
 */
export function hashText(state: HashState, text: string): void {
  hashJoined(state, text, "");
}

/**
 * Feeds `head + tail` exactly as {@link hashText} would, without building the joined string
 * (a concatenation would be flattened, i.e. copied, on the first character read).
 */
export function hashJoined(state: HashState, head: string, tail: string): void {
  let first = state.first;
  let second = state.second;
  // The length prefix: its decimal digits, most significant first, then ":".
  const length = head.length + tail.length;
  let divisor = 1;
  while (divisor * 10 <= length) divisor *= 10;
  for (; divisor >= 1; divisor /= 10) {
    const unit = 48 + (Math.floor(length / divisor) % 10);
    first = Math.imul(first ^ unit, MULTIPLIER_FIRST);
    second = Math.imul(second ^ unit, MULTIPLIER_SECOND);
  }
  first = Math.imul(first ^ 58, MULTIPLIER_FIRST); // ":"
  second = Math.imul(second ^ 58, MULTIPLIER_SECOND);
  for (let index = 0; index < head.length; index++) {
    const unit = head.charCodeAt(index);
    first = Math.imul(first ^ unit, MULTIPLIER_FIRST);
    second = Math.imul(second ^ unit, MULTIPLIER_SECOND);
  }
  for (let index = 0; index < tail.length; index++) {
    const unit = tail.charCodeAt(index);
    first = Math.imul(first ^ unit, MULTIPLIER_FIRST);
    second = Math.imul(second ^ unit, MULTIPLIER_SECOND);
  }
  state.first = first;
  state.second = second;
}

/** Feeds raw bytes (binary image or file data), prefixed with their length. */
export function hashBytes(state: HashState, bytes: Uint8Array): void {
  hashText(state, `bytes:${bytes.length}`);
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
