const encoder = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign", "verify"],
  );
}

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^(?:[0-9a-f]{2})+$/i.test(hex)) return undefined;
  const bytes = new Uint8Array(hex.length / 2);
  for (let index = 0; index < bytes.length; index += 1) {
    bytes[index] = Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16);
  }
  return bytes;
}

/**
 * The webhook signature: `v1=` + hex HMAC-SHA256 of `${timestamp}.${body}` with the shared
 * secret (Web Crypto: runs on Node, edge runtimes and browsers).
 */
export async function signWebhook(
  secret: string,
  timestamp: string,
  body: string,
): Promise<string> {
  const signature = await crypto.subtle.sign(
    "HMAC",
    await hmacKey(secret),
    encoder.encode(`${timestamp}.${body}`),
  );
  return `v1=${toHex(signature)}`;
}

/**
 * Check a received webhook: the signature header matches and the timestamp is within
 * `toleranceMs` of `nowMs` (replays of old deliveries are refused). Constant-time compare.
 */
export async function verifyWebhook(options: {
  secret: string;
  timestamp: string;
  body: string;
  signature: string;
  toleranceMs?: number;
  nowMs?: number;
}): Promise<boolean> {
  const seconds = Number(options.timestamp);
  const nowMs = options.nowMs ?? Date.now();
  if (!Number.isFinite(seconds)) return false;
  if (Math.abs(nowMs - seconds * 1000) > (options.toleranceMs ?? 300_000)) return false;
  const given = options.signature.startsWith("v1=")
    ? fromHex(options.signature.slice(3))
    : undefined;
  if (given === undefined) return false;
  return crypto.subtle.verify(
    "HMAC",
    await hmacKey(options.secret),
    given,
    encoder.encode(`${options.timestamp}.${options.body}`),
  );
}
