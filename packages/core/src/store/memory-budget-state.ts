import { type Amounts, addAmountsInto, exceededLimit, zeroAmounts } from "./amounts.js";
import { EndedIds, type Ending } from "./ended-ids.js";
import type {
  BucketBalance,
  ReserveOutcome,
  StoreClaimRequest,
  StoreDenial,
  StoreReserveRequest,
  StoreSettleRequest,
  StoreSettleResult,
} from "./store.js";

interface HoldEntry {
  id: string;
  amount: Amounts;
  expiresAtMs: number;
}

/**
 * Holds of one bucket: none, the single usual one inline (per-user buckets rarely see two
 * calls at once), or a map by reservation id once there are several.
 */
type Holds = HoldEntry | Map<string, HoldEntry> | undefined;

interface Bucket {
  /** Spent in calendar and `total` buckets (inline: one object less to reach per bucket). */
  spentNanoUsd: number;
  spentTokens: number;
  spentRequests: number;
  /** Time-stamped charges of rolling buckets (none until the first; most buckets never have one). */
  entries: { atMs: number; amount: Amounts }[] | undefined;
  rollingWindowMs: number | undefined;
  /** Live holds; a bucket with none keeps nothing, so 100k idle buckets cost a small object each. */
  holds: Holds;
  expiresAtMs: number | null;
}

/**
 * A reservation holding (or whose hold expired, remembered for the id retention), or a denied
 * one (remembered until its TTL). Settled and released ids move to {@link EndedIds}.
 */
interface ReservationState {
  state: "held" | "denied";
  outcome: ReserveOutcome;
  /** Buckets the hold is in. */
  keys: readonly string[];
  /** The id is forgotten after this instant. */
  forgetAtMs: number;
}

/** Options of {@link MemoryBudgetState}. */
export interface MemoryBudgetStateOptions {
  /** How long settled/released ids are remembered (a retried settle within it counts once). */
  idRetentionMs: number;
  /** Most settled/released ids remembered; past it the oldest are forgotten first. */
  maxRememberedIds: number;
  /** Minimum time between full sweeps of expired data (measured on request `nowMs`). */
  sweepIntervalMs: number;
}

/** Shared by every admitted reservation (no object per id). */
const ADMITTED: ReserveOutcome = Object.freeze({ admitted: true });
/** The answer to a reserve whose id was released before it arrived (a tombstone). */
const RELEASED: ReserveOutcome = Object.freeze({ admitted: false, released: true });
const NO_KEYS: readonly string[] = Object.freeze([]);

/** Live reservations a sweep passes over before it stops (see `sweepIfDue`). */
const LIVE_ENTRIES_BEFORE_STOP = 1_024;

const laterExpiry = (left: number | null, right: number | null): number | null =>
  left === null || right === null ? null : Math.max(left, right);

/**
 * Budget counters of the memory store. Every method runs synchronously from read to write,
 * so concurrent async callers in one process cannot interleave inside an operation.
 *
 * The reservation state machine (the contract of `BudgetStore`): an id is unknown, `held` or
 * `denied` (in `reservations`), or `settled` / `released` (in `ended`, for the id retention).
 * A settle charges unless the id is already settled; a release ends a held id, leaves a
 * tombstone for an unknown one, and does nothing to a settled one.
 */
export class MemoryBudgetState {
  private readonly buckets = new Map<string, Bucket>();
  /** Reservations holding, and denied ones. */
  private readonly reservations = new Map<string, ReservationState>();
  /** Ids settled or released: the idempotency memory. */
  private readonly ended: EndedIds;
  private readonly claims = new Map<string, number | null>();
  private lastSweepMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: MemoryBudgetStateOptions) {
    this.ended = new EndedIds(options.maxRememberedIds);
  }

  /** Number of live buckets, reservations and claims (for tests of bounded memory). */
  get sizes(): { buckets: number; reservations: number; claims: number } {
    return {
      buckets: this.buckets.size,
      reservations: this.reservations.size + this.ended.size,
      claims: this.claims.size,
    };
  }

  reserve(request: StoreReserveRequest): ReserveOutcome {
    this.sweepIfDue(request.nowMs);
    const known = this.liveReservation(request.id, request.nowMs);
    if (known) return known.outcome;
    const ended = this.ended.get(request.id, request.nowMs);
    if (ended) return ended.outcome;
    const { holds } = request;
    for (let index = 0; index < holds.length; index++) {
      const hold = holds[index] as StoreReserveRequest["holds"][number];
      if (!hold.enforce) continue;
      const denied = this.deniedHold(request, hold, index);
      if (denied === undefined) continue;
      const outcome: ReserveOutcome = { admitted: false, denied };
      this.reservations.set(request.id, {
        state: "denied",
        outcome,
        keys: NO_KEYS,
        forgetAtMs: request.nowMs + request.ttlMs,
      });
      return outcome;
    }
    const holdExpiresAtMs = request.nowMs + request.ttlMs;
    const keys: string[] = [];
    for (const hold of holds) {
      const bucket = this.writableBucket(
        hold.key,
        hold.expiresAtMs,
        hold.rollingWindowMs,
        request.nowMs,
      );
      const existing = holdOf(bucket.holds, request.id);
      if (existing) {
        addAmountsInto(existing.amount, hold.amount);
        continue;
      }
      keys.push(hold.key);
      const entry = { id: request.id, amount: { ...hold.amount }, expiresAtMs: holdExpiresAtMs };
      bucket.holds = withHold(bucket.holds, entry);
    }
    this.reservations.set(request.id, {
      state: "held",
      outcome: ADMITTED,
      keys,
      // A retried reserve is recognised for the retention even after its hold expired.
      forgetAtMs: Math.max(holdExpiresAtMs, request.nowMs + this.options.idRetentionMs),
    });
    return ADMITTED;
  }

  /**
   * The denial of one enforced hold, counting what this bucket already holds and spent plus
   * the holds of the same request before it on the same key (`undefined` when it fits).
   */
  private deniedHold(
    request: StoreReserveRequest,
    hold: StoreReserveRequest["holds"][number],
    index: number,
  ): StoreDenial | undefined {
    const balance = this.balanceOf(hold.key, hold.rollingWindowMs, request.nowMs);
    for (let earlier = 0; earlier < index; earlier++) {
      const other = request.holds[earlier] as StoreReserveRequest["holds"][number];
      if (other.key === hold.key) addAmountsInto(balance.held, other.amount);
    }
    return exceededLimit(hold.key, hold.limits, balance, hold.amount);
  }

  settle(request: StoreSettleRequest): StoreSettleResult {
    this.sweepIfDue(request.nowMs);
    const keys = request.charges.map((charge) => ({
      key: charge.key,
      rollingWindowMs: charge.rollingWindowMs,
    }));
    const ended = this.ended.get(request.id, request.nowMs);
    if (ended?.state === "settled") {
      return { applied: false, balances: this.balances(keys, request.nowMs) };
    }
    // Held, expired, denied, released or unknown: the money was spent, the charges apply.
    const known = this.liveReservation(request.id, request.nowMs);
    if (known) this.dropHolds(request.id, known);
    for (const charge of request.charges) {
      const bucket = this.writableBucket(
        charge.key,
        charge.expiresAtMs,
        charge.rollingWindowMs,
        request.nowMs,
      );
      if (charge.rollingWindowMs === undefined) {
        bucket.spentNanoUsd += charge.amount.nanoUsd;
        bucket.spentTokens += charge.amount.tokens;
        bucket.spentRequests += charge.amount.requests;
      } else {
        bucket.entries ??= [];
        bucket.entries.push({ atMs: request.nowMs, amount: { ...charge.amount } });
      }
    }
    const outcome = known?.outcome ?? ended?.outcome ?? ADMITTED;
    this.end(request.id, { state: "settled", outcome }, request.nowMs);
    return { applied: true, balances: this.balances(keys, request.nowMs) };
  }

  release(id: string, nowMs: number): void {
    this.sweepIfDue(nowMs);
    // Settled is final; released already.
    if (this.ended.get(id, nowMs)) return;
    const known = this.liveReservation(id, nowMs);
    if (!known) {
      // A tombstone: the reserve of this id may still be on its way (its caller gave up).
      this.end(id, { state: "released", outcome: RELEASED }, nowMs);
      return;
    }
    if (known.state === "denied") {
      // A denial holds nothing: remember it (and its answer) a while longer.
      known.forgetAtMs = Math.max(known.forgetAtMs, nowMs + this.options.idRetentionMs);
      return;
    }
    this.dropHolds(id, known);
    this.end(id, { state: "released", outcome: known.outcome }, nowMs);
  }

  /** Ends a reservation: its hold is gone, how it ended remembered for the retention from now. */
  private end(id: string, ending: Ending, nowMs: number): void {
    this.reservations.delete(id);
    this.ended.add(id, ending, nowMs + this.options.idRetentionMs);
  }

  balances(
    keys: readonly { key: string; rollingWindowMs?: number | undefined }[],
    nowMs: number,
  ): BucketBalance[] {
    this.sweepIfDue(nowMs);
    return keys.map(({ key, rollingWindowMs }) => ({
      key,
      ...this.balanceOf(key, rollingWindowMs, nowMs),
    }));
  }

  claimOnce(request: StoreClaimRequest): boolean {
    this.sweepIfDue(request.nowMs);
    if (this.claims.has(request.key)) {
      const expiresAtMs = this.claims.get(request.key) ?? null;
      if (expiresAtMs === null || request.nowMs < expiresAtMs) return false;
    }
    this.claims.set(request.key, request.expiresAtMs);
    return true;
  }

  private liveReservation(id: string, nowMs: number): ReservationState | undefined {
    const known = this.reservations.get(id);
    if (known && nowMs >= known.forgetAtMs) {
      this.reservations.delete(id);
      return undefined;
    }
    return known;
  }

  private dropHolds(id: string, reservation: ReservationState): void {
    for (const key of reservation.keys) {
      const bucket = this.buckets.get(key);
      if (bucket !== undefined) bucket.holds = withoutHold(bucket.holds, id);
    }
    reservation.keys = NO_KEYS;
  }

  /** The bucket if it exists and has not expired (an expired one is dropped). */
  private liveBucket(key: string, nowMs: number): Bucket | undefined {
    const bucket = this.buckets.get(key);
    if (bucket && bucket.expiresAtMs !== null && nowMs >= bucket.expiresAtMs) {
      this.buckets.delete(key);
      return undefined;
    }
    return bucket;
  }

  private writableBucket(
    key: string,
    expiresAtMs: number | null,
    rollingWindowMs: number | undefined,
    nowMs: number,
  ): Bucket {
    let bucket = this.liveBucket(key, nowMs);
    if (!bucket) {
      bucket = {
        spentNanoUsd: 0,
        spentTokens: 0,
        spentRequests: 0,
        entries: undefined,
        rollingWindowMs,
        holds: undefined,
        expiresAtMs,
      };
      this.buckets.set(key, bucket);
      return bucket;
    }
    bucket.expiresAtMs = laterExpiry(bucket.expiresAtMs, expiresAtMs);
    if (rollingWindowMs !== undefined) bucket.rollingWindowMs = rollingWindowMs;
    return bucket;
  }

  private balanceOf(
    key: string,
    rollingWindowMs: number | undefined,
    nowMs: number,
  ): { spent: Amounts; held: Amounts } {
    const bucket = this.liveBucket(key, nowMs);
    const held = zeroAmounts();
    if (!bucket) return { spent: zeroAmounts(), held };
    const spent = {
      nanoUsd: bucket.spentNanoUsd,
      tokens: bucket.spentTokens,
      requests: bucket.spentRequests,
    };
    const windowMs = rollingWindowMs ?? bucket.rollingWindowMs;
    if (bucket.entries !== undefined) {
      const fromMs = windowMs === undefined ? Number.NEGATIVE_INFINITY : nowMs - windowMs;
      for (const entry of bucket.entries) {
        if (entry.atMs >= fromMs) addAmountsInto(spent, entry.amount);
      }
    }
    bucket.holds = withoutExpiredHolds(bucket.holds, nowMs);
    forEachHold(bucket.holds, (hold) => addAmountsInto(held, hold.amount));
    return { spent, held };
  }

  /** Drops expired buckets, holds, rolling entries, ids and claims, at most once per interval. */
  private sweepIfDue(nowMs: number): void {
    if (nowMs - this.lastSweepMs < this.options.sweepIntervalMs) return;
    this.lastSweepMs = nowMs;
    for (const [key, bucket] of this.buckets) {
      if (bucket.expiresAtMs !== null && nowMs >= bucket.expiresAtMs) {
        this.buckets.delete(key);
        continue;
      }
      bucket.holds = withoutExpiredHolds(bucket.holds, nowMs);
      if (bucket.rollingWindowMs !== undefined) {
        const fromMs = nowMs - bucket.rollingWindowMs;
        const entries = bucket.entries?.filter((entry) => entry.atMs >= fromMs) ?? [];
        bucket.entries = entries.length > 0 ? entries : undefined;
      }
      const empty =
        bucket.spentNanoUsd === 0 && bucket.spentTokens === 0 && bucket.spentRequests === 0;
      if (empty && bucket.entries === undefined && bucket.holds === undefined) {
        this.buckets.delete(key);
      }
    }
    this.ended.sweep(nowMs);
    // Holds and denials, oldest first: stop after a run of live ones (thousands of concurrent
    // calls at most); a long-lived hold near the front does not pin the ones behind it.
    let live = 0;
    for (const [id, reservation] of this.reservations) {
      if (nowMs >= reservation.forgetAtMs) this.reservations.delete(id);
      else if (++live > LIVE_ENTRIES_BEFORE_STOP) break;
    }
    for (const [key, expiresAtMs] of this.claims) {
      if (expiresAtMs !== null && nowMs >= expiresAtMs) this.claims.delete(key);
    }
  }
}

function holdOf(holds: Holds, id: string): HoldEntry | undefined {
  if (holds === undefined) return undefined;
  if (holds instanceof Map) return holds.get(id);
  return holds.id === id ? holds : undefined;
}

function withHold(holds: Holds, entry: HoldEntry): Holds {
  if (holds === undefined) return entry;
  if (holds instanceof Map) return holds.set(entry.id, entry);
  return new Map([
    [holds.id, holds],
    [entry.id, entry],
  ]);
}

function withoutHold(holds: Holds, id: string): Holds {
  if (holds === undefined) return undefined;
  if (!(holds instanceof Map)) return holds.id === id ? undefined : holds;
  holds.delete(id);
  return holds.size === 0 ? undefined : holds;
}

function withoutExpiredHolds(holds: Holds, nowMs: number): Holds {
  if (holds === undefined) return undefined;
  if (!(holds instanceof Map)) return nowMs >= holds.expiresAtMs ? undefined : holds;
  for (const [id, hold] of holds) {
    if (nowMs >= hold.expiresAtMs) holds.delete(id);
  }
  return holds.size === 0 ? undefined : holds;
}

function forEachHold(holds: Holds, visit: (hold: HoldEntry) => void): void {
  if (holds === undefined) return;
  if (holds instanceof Map) holds.forEach(visit);
  else visit(holds);
}
