import type { BudgetLimitKind } from "../budget/budget-rule.js";
import type { UsageRecord } from "../ledger/types.js";
import type { Amounts, BucketLimits } from "./amounts.js";
import type { AggregateQuery, AggregateRow, RecordQuery } from "./ledger-query.js";

/** One bucket a reservation holds in. */
export interface ReserveHold {
  key: string;
  limits: BucketLimits;
  amount: Amounts;
  /** `false` for `warn` rules: recorded (so balances include it) but never denies. */
  enforce: boolean;
  /** When the bucket's data may be dropped (`null`: never). A bucket keeps the latest expiry written to it. */
  expiresAtMs: number | null;
  /** Rolling window length for rolling buckets. */
  rollingWindowMs?: number;
}

/** Input to {@link BudgetStore.reserve}. */
export interface StoreReserveRequest {
  /** Reservation id; settle/release use it and a repeated reserve returns the first outcome. */
  id: string;
  holds: readonly ReserveHold[];
  /** The hold is dropped `ttlMs` after `nowMs` unless settled or released first. */
  ttlMs: number;
  nowMs: number;
}

/** The bucket that could not hold a reservation. Amounts in the unit of `limitKind` (nano-USD for `usd`). */
export interface StoreDenial {
  key: string;
  limitKind: BudgetLimitKind;
  limit: number;
  spent: number;
  held: number;
  requested: number;
}

/**
 * A reservation outcome: a value, not an error. `released: true`: the id was released before
 * this reserve reached the store (its caller gave up), so nothing is held.
 */
export type ReserveOutcome =
  | { admitted: true }
  | { admitted: false; denied: StoreDenial }
  | { admitted: false; released: true };

/** One final charge of a settle. */
export interface SettleCharge {
  key: string;
  amount: Amounts;
  expiresAtMs: number | null;
  rollingWindowMs?: number;
}

/** Input to {@link BudgetStore.settle}. */
export interface StoreSettleRequest {
  id: string;
  charges: readonly SettleCharge[];
  nowMs: number;
}

/** Spent and unexpired held amounts of one bucket. */
export interface BucketBalance {
  key: string;
  spent: Amounts;
  held: Amounts;
}

/** Result of {@link BudgetStore.settle}. */
export interface StoreSettleResult {
  /** `false` when this id was already settled (nothing changed). */
  applied: boolean;
  /** Balances of the charged keys after the settle. */
  balances: BucketBalance[];
}

/** Input to {@link BudgetStore.release}. */
export interface StoreReleaseRequest {
  id: string;
  nowMs: number;
}

/** Input to {@link BudgetStore.balances}. */
export interface StoreBalancesRequest {
  keys: readonly { key: string; rollingWindowMs?: number }[];
  nowMs: number;
}

/** Input to {@link BudgetStore.claimOnce}. */
export interface StoreClaimRequest {
  key: string;
  /** The claim is forgotten after this instant (`null`: never). */
  expiresAtMs: number | null;
  nowMs: number;
}

/**
 * One object, two duties: atomic budget counters and the usage ledger. Every built-in store
 * passes `runStoreConformance` from `@tokenledger/core/testing`; custom stores should too.
 * Time comes from `nowMs` in each request, never from the store's own clock.
 *
 * One state machine per reservation id, remembered for the store's id retention:
 * - unknown → held (reserve admitted) or denied (nothing held);
 * - held → settled (settle: the hold is replaced by the charges), released (release: the hold
 *   is dropped) or expired (its TTL passed: the hold no longer counts);
 * - released / expired / denied / unknown → settled by a settle: the charges still apply, once
 *   (money spent is never dropped);
 * - unknown → released by a release (a tombstone): a reserve with that id arriving later gets
 *   `{ admitted: false, released: true }` and holds nothing;
 * - settled is final: a release does nothing, a second settle returns `applied: false`.
 */
export interface BudgetStore {
  readonly name: string;
  /**
   * True for a store whose operations never wait on I/O (the memory store): the ledger then
   * puts no `storeTimeoutMs` timer on its calls. Leave it unset for anything behind a socket.
   */
  readonly inProcess?: boolean;
  /**
   * All-or-nothing across every hold: admitted only if for every enforced hold
   * spent + held + amount ≤ limit for each limit kind it has. Denied attempts change nothing.
   * Idempotent by id (a repeated reserve with the same id returns the first outcome).
   */
  reserve(request: StoreReserveRequest): Promise<ReserveOutcome>;
  /**
   * Replaces the hold `id` (if still there) with final charges, which may exceed the hold and
   * are recorded in full. Idempotent: a second settle with the same id changes nothing and
   * returns `applied: false`. Charges even if the hold already expired or was released.
   * Each charge lands in the bucket its key names, even a calendar window that has ended since
   * the call was admitted (never the current window); once that bucket's `expiresAtMs` passed,
   * nothing reads it any more.
   */
  settle(request: StoreSettleRequest): Promise<StoreSettleResult>;
  /**
   * Drops hold `id`; idempotent; a no-op once settled. An id the store does not know is
   * remembered as released (a tombstone), so a reserve with it arriving later holds nothing.
   */
  release(request: StoreReleaseRequest): Promise<void>;
  /** Spent and unexpired held amounts per key (zeros for unknown keys), in request order. */
  balances(request: StoreBalancesRequest): Promise<BucketBalance[]>;
  /** `true` exactly once per key until the claim expires (threshold events fire once per window). */
  claimOnce(request: StoreClaimRequest): Promise<boolean>;
  /**
   * Appends usage records to the ledger, once per record id: a record appended again (a write
   * the ledger replayed because its reply was lost) is ignored.
   */
  append(records: readonly UsageRecord[]): Promise<void>;
  /** Matching records, newest first. */
  query(query: RecordQuery): Promise<UsageRecord[]>;
  /** Sums grouped by model, provider, UTC day, status, kind or context keys. */
  aggregate(query: AggregateQuery): Promise<AggregateRow[]>;
  /** Releases resources (connections, timers). Idempotent. */
  close?(): Promise<void>;
}
