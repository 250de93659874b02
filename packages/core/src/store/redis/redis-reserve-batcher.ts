import type { ReserveOutcome, StoreReserveRequest } from "../store.js";
import { amountArguments, bucketSlots, parseReserveReply } from "./redis-budget-args.js";
import type { RunScript } from "./redis-client.js";
import { encodeKeyPart, type RedisKeyspace } from "./redis-keys.js";
import { RESERVE_SCRIPT } from "./redis-reserve-script.js";
import {
  amountArgument,
  expiryArgument,
  integerArgument,
  nonNegativeArgument,
} from "./store-integers.js";

/** One reservation, checked and turned into its part of the reserve script's keys and args. */
export interface ReserveEntry {
  reservationKey: string;
  /** now, ttlMs. */
  head: [string, string];
  /** Distinct buckets of the call, in order of first appearance (window `-` for none). */
  buckets: { rawKey: string; encodedKey: string; window: string; redisKeys: string[] }[];
  /** 9 tokens per hold (`-` for no limit); the first is the 1-based index into `buckets`. */
  holdArguments: string[];
}

/** Checks a reserve request (RangeError on bad integers) and builds its script arguments. */
export function reserveEntry(keyspace: RedisKeyspace, request: StoreReserveRequest): ReserveEntry {
  const now = integerArgument(request.nowMs, "nowMs");
  const slots = bucketSlots(keyspace, request.holds);
  const holdArguments: string[] = [];
  const limit = (value: number | undefined, name: string): string =>
    value === undefined ? "-" : amountArgument(value, name);
  for (const hold of request.holds) {
    holdArguments.push(
      String(slots.indexOf.get(hold.key)),
      hold.enforce ? "1" : "0",
      limit(hold.limits.nanoUsd, "limits.nanoUsd"),
      limit(hold.limits.tokens, "limits.tokens"),
      limit(hold.limits.requests, "limits.requests"),
      ...amountArguments(hold.amount, "amount"),
      expiryArgument(hold.expiresAtMs, "expiresAtMs"),
    );
  }
  return {
    reservationKey: keyspace.reservation(encodeKeyPart(request.id)),
    head: [now, nonNegativeArgument(request.ttlMs, "ttlMs")],
    buckets: slots.rawKeys.map((rawKey, index) => ({
      rawKey,
      encodedKey: slots.encodedKeys[index] ?? "",
      window: slots.windows[index] || "-",
      redisKeys: slots.redisKeys.slice(index * 3, index * 3 + 3),
    })),
    holdArguments,
  };
}

/** Limits of one batched reserve script call. */
export interface ReserveBatchLimits {
  /** Most reservations per call. @default 32 */
  maxReservations?: number;
  /** Most keys + arguments per call (a single larger reservation still goes alone). @default 4096 */
  maxArguments?: number;
  /** Reserve calls in flight at once; more reserves wait and go out together. @default 3 */
  maxInFlight?: number;
}

interface Waiting {
  entry: ReserveEntry;
  size: number;
  resolve: (outcome: ReserveOutcome) => void;
  reject: (error: unknown) => void;
}

/** Keys and arguments of one reserve script call over `entries`, in order. */
export function reserveBatchCall(
  entries: readonly ReserveEntry[],
  idRetention: string,
): { keys: string[]; args: string[] } {
  const indexOf = new Map<string, number>();
  const bucketKeys: string[] = [];
  const bucketArguments: string[] = [];
  const reservationArguments: string[] = [];
  for (const entry of entries) {
    let text = `${entry.head[0]} ${entry.head[1]}|`;
    for (const bucket of entry.buckets) {
      let index = indexOf.get(bucket.rawKey);
      if (index === undefined) {
        index = indexOf.size + 1;
        indexOf.set(bucket.rawKey, index);
        bucketKeys.push(...bucket.redisKeys);
        bucketArguments.push(bucket.rawKey, bucket.encodedKey);
      }
      text += `${index} ${bucket.window} `;
    }
    reservationArguments.push(`${text}|${entry.holdArguments.join(" ")}`);
  }
  return {
    keys: [...entries.map((entry) => entry.reservationKey), ...bucketKeys],
    args: [
      idRetention,
      String(entries.length),
      String(indexOf.size),
      ...bucketArguments,
      ...reservationArguments,
    ],
  };
}

/**
 * Natural batching of reserves, no timers: with fewer than `maxInFlight` script calls in
 * flight, a reserve goes out at the end of the current microtask queue together with every
 * reserve submitted in the same tick (with nothing in flight, a long queue is split in two
 * calls so the server works on one while the client prepares the other); with `maxInFlight`
 * calls in flight, reserves wait and go out together as soon as one returns. One EVALSHA
 * carries up to `maxReservations` reservations, processed in order by the script, each
 * all-or-nothing; each caller gets its own outcome. A failing call rejects every caller in it.
 */
export function createReserveBatcher(
  run: RunScript,
  idRetention: string,
  limits: ReserveBatchLimits = {},
): (entry: ReserveEntry) => Promise<ReserveOutcome> {
  const maxReservations = limits.maxReservations ?? 32;
  const maxArguments = limits.maxArguments ?? 4096;
  const maxInFlight = limits.maxInFlight ?? 3;
  const queue: Waiting[] = [];
  let inFlight = 0;
  let scheduled = false;

  // With nothing in flight and a long queue, the first call takes half of it and the rest goes
  // out right behind it: the server works on one while the client prepares the next.
  const take = (): Waiting[] => {
    const wanted =
      inFlight === 0 && maxInFlight > 1 && queue.length >= 4
        ? Math.ceil(queue.length / 2)
        : queue.length;
    const batch: Waiting[] = [];
    let size = 3;
    while (queue.length > 0 && batch.length < Math.min(wanted, maxReservations)) {
      const next = queue[0] as Waiting;
      if (batch.length > 0 && size + next.size > maxArguments) break;
      batch.push(next);
      size += next.size;
      queue.shift();
    }
    return batch;
  };

  const send = (batch: Waiting[]): void => {
    inFlight++;
    const call = reserveBatchCall(
      batch.map((waiting) => waiting.entry),
      idRetention,
    );
    run(RESERVE_SCRIPT, call.keys, call.args).then(
      (reply) => {
        inFlight--;
        flush();
        const outcomes = Array.isArray(reply) ? reply : [];
        batch.forEach((waiting, index) => {
          try {
            if (outcomes.length !== batch.length) {
              throw new Error(
                `Unexpected reply from the reserve script: ${outcomes.length} outcomes for ${batch.length} reservations`,
              );
            }
            waiting.resolve(parseReserveReply(outcomes[index]));
          } catch (error) {
            waiting.reject(error);
          }
        });
      },
      (error: unknown) => {
        inFlight--;
        flush();
        for (const waiting of batch) waiting.reject(error);
      },
    );
  };

  function flush(): void {
    scheduled = false;
    while (inFlight < maxInFlight && queue.length > 0) send(take());
  }

  return (entry) =>
    new Promise<ReserveOutcome>((resolve, reject) => {
      const size = 2 + entry.buckets.length * 5; // its key and argument, 3 keys + 2 arguments per new bucket
      queue.push({ entry, size, resolve, reject });
      if (inFlight < maxInFlight && !scheduled) {
        scheduled = true;
        queueMicrotask(flush);
      }
    });
}
