/** This process's random prefix (80 bits, base 36), drawn on the first id: ids never collide across processes. */
let prefix: string | undefined;
let counter = 0;

/**
 * A unique id for a call's reservation and record: `<process prefix>-<counter>`, e.g.
 * `k3v9x0q2m8a7bd1f-1a`. Unique across processes (the prefix) and within one (the counter),
 * and about a tenth of the garbage of `crypto.randomUUID()`, which every model call paid.
 */
export function nextCallId(): string {
  if (prefix === undefined) {
    const bytes = crypto.getRandomValues(new Uint8Array(10));
    prefix = Array.from(bytes, (byte) => byte.toString(36).padStart(2, "0")).join("");
  }
  counter += 1;
  return `${prefix}-${counter.toString(36)}`;
}
