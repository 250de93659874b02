/**
 * A tokenledger store over any key-value API with compare-and-set, in one file. Budget state
 * is one JSON document: each operation reads it, changes it in memory and writes it back only
 * if nobody wrote in between, else retries on a fresh copy (optimistic concurrency), so every
 * operation is atomic, across processes too. Fine for modest traffic; shard the document by
 * bucket key when writers start to collide.
 */
import * as core from "@tokenledger/core";
import type { VersionedKv } from "./versioned-kv.js";

/** A charge, or a hold when it has `holdId`; dropped at `expiresAtMs` (`null`: never). */
type Entry = { amount: core.Amounts; atMs: number; expiresAtMs: number | null; holdId?: string };
/** A reservation id the store has seen, and how it ended (held, settled or released). */
type Seen = { outcome: core.ReserveOutcome; settled: boolean; untilMs: number };
type State = {
  entries: Record<string, Entry[]>;
  ids: Record<string, Seen>;
  claims: Record<string, number | null>;
};
type Bucket = { key: string; rollingWindowMs?: number };

const ID_MEMORY_MS = 15 * 60_000; // how long a reservation id stays idempotent
const live = (untilMs: number | null, nowMs: number) => untilMs === null || nowMs < untilMs;

/** Spent (inside the rolling window, if any) and live held amounts of one bucket. */
function balance(state: State | null, { key, rollingWindowMs }: Bucket, nowMs: number) {
  const [spent, held] = [core.zeroAmounts(), core.zeroAmounts()];
  for (const entry of state?.entries[key] ?? []) {
    if (!live(entry.expiresAtMs, nowMs)) continue;
    if (entry.holdId !== undefined) core.addAmountsInto(held, entry.amount);
    else if (entry.atMs >= nowMs - (rollingWindowMs ?? Number.POSITIVE_INFINITY)) {
      core.addAmountsInto(spent, entry.amount);
    }
  }
  return { key, spent, held };
}

/** The first enforced limit the request does not fit (holds on one key add up), exactly. */
function findDenial(state: State, request: core.StoreReserveRequest): core.StoreDenial | undefined {
  for (const [index, hold] of request.holds.entries()) {
    if (!hold.enforce) continue;
    const { spent, held } = balance(state, hold, request.nowMs);
    for (const earlier of request.holds.slice(0, index)) {
      if (earlier.key === hold.key) core.addAmountsInto(held, earlier.amount);
    }
    const denied = core.exceededLimit(hold.key, hold.limits, { spent, held }, hold.amount);
    if (denied) return denied;
  }
  return undefined;
}

/** A {@link core.BudgetStore} keeping budgets and usage records in two documents of `kv`. */
export function kvStore(kv: VersionedKv, prefix = "tokenledger:"): core.BudgetStore {
  const [budgetsKey, recordsKey] = [`${prefix}budgets`, `${prefix}records`];
  const read = async <S>(key: string): Promise<S | null> =>
    JSON.parse((await kv.get(key))?.value ?? "null");
  /** Read, change, write back if unchanged since the read; else back off and retry. */
  const update = async <S, T>(key: string, empty: S, change: (state: S) => T): Promise<T> => {
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0)
        await new Promise((wake) => setTimeout(wake, Math.random() * 2 ** Math.min(attempt, 6)));
      const current = await kv.get(key);
      const state: S = current ? JSON.parse(current.value) : structuredClone(empty);
      const result = change(state);
      if (await kv.compareAndSet(key, JSON.stringify(state), current?.version ?? 0)) return result;
    }
  };
  /** Updates the budget document after dropping whatever expired by `nowMs`. */
  const budgets = <T>(nowMs: number, change: (state: State) => T) =>
    update<State, T>(budgetsKey, { entries: {}, ids: {}, claims: {} }, (state) => {
      for (const key in state.entries)
        state.entries[key] = state.entries[key]!.filter((entry) => live(entry.expiresAtMs, nowMs));
      for (const id in state.ids) if (!live(state.ids[id]!.untilMs, nowMs)) delete state.ids[id];
      for (const key in state.claims)
        if (!live(state.claims[key]!, nowMs)) delete state.claims[key];
      return change(state);
    });
  const add = (state: State, key: string, entry: Entry) => {
    state.entries[key] = [...(state.entries[key] ?? []), entry];
  };
  const dropHold = (state: State, id: string) => {
    for (const key in state.entries)
      state.entries[key] = state.entries[key]!.filter((entry) => entry.holdId !== id);
  };
  const records = async () => ((await read<core.UsageRecord[]>(recordsKey)) ?? []).reverse();

  return {
    name: "kv",
    reserve: async (request) => {
      core.checkStoreAmounts("reserve", request); // NaN, negative, fractions: StoreInputError
      return budgets(request.nowMs, (state) => {
        const seen = state.ids[request.id];
        if (seen) return seen.outcome;
        const denied = findDenial(state, request);
        const expiresAtMs = request.nowMs + request.ttlMs;
        for (const { key, amount } of denied ? [] : request.holds)
          add(state, key, { amount, atMs: request.nowMs, expiresAtMs, holdId: request.id });
        const outcome: core.ReserveOutcome = denied
          ? { admitted: false, denied }
          : { admitted: true };
        state.ids[request.id] = { outcome, settled: false, untilMs: expiresAtMs + ID_MEMORY_MS };
        return outcome;
      });
    },
    settle: async (request) => {
      core.checkStoreAmounts("settle", request);
      const { id, charges, nowMs } = request;
      return budgets(nowMs, (state) => {
        const seen = state.ids[id];
        const applied = !seen?.settled;
        if (applied) {
          dropHold(state, id);
          for (const { key, amount, expiresAtMs } of charges)
            add(state, key, { amount, atMs: nowMs, expiresAtMs });
          const untilMs = Math.max(seen?.untilMs ?? 0, nowMs + ID_MEMORY_MS);
          state.ids[id] = { outcome: seen?.outcome ?? { admitted: true }, settled: true, untilMs };
        }
        return { applied, balances: charges.map((charge) => balance(state, charge, nowMs)) };
      });
    },
    release: ({ id, nowMs }) =>
      budgets(nowMs, (state) => {
        if (state.ids[id]?.settled) return;
        dropHold(state, id);
        // Unknown id: a tombstone, so a reserve of it arriving later (its caller gave up) holds nothing.
        state.ids[id] ??= {
          outcome: { admitted: false, released: true },
          settled: false,
          untilMs: nowMs + ID_MEMORY_MS,
        };
      }),
    balances: async ({ keys, nowMs }) => {
      const state = await read<State>(budgetsKey);
      return keys.map((bucket) => balance(state, bucket, nowMs));
    },
    claimOnce: ({ key, expiresAtMs, nowMs }) =>
      budgets(nowMs, (state) => {
        if (key in state.claims) return false; // still live: expired claims were just dropped
        state.claims[key] = expiresAtMs;
        return true;
      }),
    append: (added) =>
      update<core.UsageRecord[], void>(recordsKey, [], (list) => {
        const known = new Set(list.map((record) => record.id)); // a replayed append counts once
        list.push(...added.filter((record) => !known.has(record.id)));
      }),
    query: async (query) => {
      const filter = core.compileRecordFilter(query);
      const found = (await records()).filter((record) => core.matchesRecordFilter(record, filter));
      found.sort((left, right) => Date.parse(right.time) - Date.parse(left.time));
      return found.slice(0, query.limit ?? found.length);
    },
    aggregate: async (query) => core.aggregateRecords(await records(), query),
  };
}
