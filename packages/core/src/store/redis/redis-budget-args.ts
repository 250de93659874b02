import type { Amounts } from "../amounts.js";
import type { ReserveOutcome, StoreDenial } from "../store.js";
import { encodeKeyPart, type RedisKeyspace } from "./redis-keys.js";
import { amountArgument, nonNegativeArgument } from "./store-integers.js";

/** Amount arguments usd, tokens, requests. */
export function amountArguments(amount: Amounts, name: string): string[] {
  return [
    amountArgument(amount.nanoUsd, `${name}.nanoUsd`),
    amountArgument(amount.tokens, `${name}.tokens`),
    amountArgument(amount.requests, `${name}.requests`),
  ];
}

/** The distinct buckets of a call, in order of first appearance, with their three keys. */
export interface BucketSlots {
  /** Bucket key → 1-based index in the script's bucket list. */
  indexOf: Map<string, number>;
  /** Raw keys in index order. */
  rawKeys: string[];
  /** Encoded keys in index order. */
  encodedKeys: string[];
  /** Rolling window per bucket (first one given), `''` for none. */
  windows: string[];
  /** hash, holds and rolling key per bucket, flattened. */
  redisKeys: string[];
}

/** Groups a call's entries by bucket key and builds the Redis keys of each bucket. */
export function bucketSlots(
  keyspace: RedisKeyspace,
  entries: readonly { key: string; rollingWindowMs?: number | undefined }[],
): BucketSlots {
  const slots: BucketSlots = {
    indexOf: new Map(),
    rawKeys: [],
    encodedKeys: [],
    windows: [],
    redisKeys: [],
  };
  for (const entry of entries) {
    if (slots.indexOf.has(entry.key)) continue;
    const encoded = encodeKeyPart(entry.key);
    slots.indexOf.set(entry.key, slots.rawKeys.length + 1);
    slots.rawKeys.push(entry.key);
    slots.encodedKeys.push(encoded);
    slots.windows.push(
      entry.rollingWindowMs === undefined
        ? ""
        : nonNegativeArgument(entry.rollingWindowMs, "rollingWindowMs"),
    );
    slots.redisKeys.push(
      keyspace.bucket(encoded),
      keyspace.holds(encoded),
      keyspace.rolling(encoded),
    );
  }
  return slots;
}

const LIMIT_KINDS_BY_NAME = new Set(["usd", "tokens", "requests"]);

/**
 * Parses the reserve script's reply: `'1'` (admitted), `'2'` (the id was released first) or
 * `'0\nkind\nlimit\nspent\nheld\nrequested\nkey'`.
 */
export function parseReserveReply(reply: unknown): ReserveOutcome {
  const text = String(reply);
  if (text === "1") return { admitted: true };
  if (text === "2") return { admitted: false, released: true };
  const parts = text.split("\n");
  const [flag, limitKind, limit, spent, held, requested] = parts;
  if (flag !== "0" || limitKind === undefined || !LIMIT_KINDS_BY_NAME.has(limitKind)) {
    throw new Error(`Unexpected reply from the reserve script: ${JSON.stringify(text)}`);
  }
  const denied: StoreDenial = {
    key: parts.slice(6).join("\n"),
    limitKind: limitKind as StoreDenial["limitKind"],
    limit: Number(limit),
    spent: Number(spent),
    held: Number(held),
    requested: Number(requested),
  };
  return { admitted: false, denied };
}

/** Six integers per bucket (spent usd/tokens/requests, held usd/tokens/requests) → amounts. */
export function parseBalanceNumbers(
  values: unknown,
  bucketCount: number,
): { spent: Amounts; held: Amounts }[] {
  const list = Array.isArray(values) ? values.map(Number) : [];
  const result: { spent: Amounts; held: Amounts }[] = [];
  for (let index = 0; index < bucketCount; index++) {
    const at = index * 6;
    const value = (offset: number): number => list[at + offset] ?? 0;
    result.push({
      spent: { nanoUsd: value(0), tokens: value(1), requests: value(2) },
      held: { nanoUsd: value(3), tokens: value(4), requests: value(5) },
    });
  }
  return result;
}
