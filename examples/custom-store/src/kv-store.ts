/**
 * A tokenledger store over any key-value API with compare-and-set, in one file.
 * Budget state is one JSON document: each operation reads it, changes it in memory and writes
 * it back only if nobody wrote in between, else retries on the fresh copy (optimistic
 * concurrency). So every operation is atomic, across processes too. Fine for modest traffic;
 * shard the document by bucket key when writers start to collide.
 */
import * as core from "@tokenledger/core";
import type { VersionedKv } from "./versioned-kv.js";

/** A charge, or a hold when it has `holdId`. Dropped at `expiresAtMs` (`null`: never). */
type Entry = { amount: core.Amounts; atMs: number; expiresAtMs: number | null } & {
  rollingWindowMs?: number;
  holdId?: string;
};
interface BudgetState {
  entries: Record<string, Entry[]>;
  /** Reservation ids seen, so reserve, settle and release are idempotent. */
  ids: Record<string, { outcome: core.ReserveOutcome; settled: boolean; forgetAtMs: number }>;
  claims: Record<string, number | null>;
}

type Bucket = { key: string; rollingWindowMs?: number };
const ID_MEMORY_MS = 15 * 60_000;
const live = (expiresAtMs: number | null, nowMs: number) =>
  expiresAtMs === null || nowMs < expiresAtMs;

/** Spent (inside the rolling window, if any) and held amounts of one bucket's entries. */
function balance(entries: readonly Entry[] = [], nowMs: number, rollingWindowMs?: number) {
  const [spent, held] = [core.zeroAmounts(), core.zeroAmounts()];
  for (const entry of entries) {
    const fromMs = nowMs - (rollingWindowMs ?? entry.rollingWindowMs ?? Number.POSITIVE_INFINITY);
    if (!live(entry.expiresAtMs, nowMs)) continue;
    if (entry.holdId !== undefined) core.addAmountsInto(held, entry.amount);
    else if (entry.atMs >= fromMs) core.addAmountsInto(spent, entry.amount);
  }
  return { spent, held };
}

/** The first enforced limit the request does not fit (holds on one key add up). */
function findDenial(
  state: BudgetState,
  request: core.StoreReserveRequest,
): core.StoreDenial | undefined {
  for (const [index, hold] of request.holds.entries()) {
    const balances = balance(state.entries[hold.key], request.nowMs, hold.rollingWindowMs);
    for (const earlier of request.holds.slice(0, index)) {
      if (earlier.key === hold.key) core.addAmountsInto(balances.held, earlier.amount);
    }
    for (const limitKind of hold.enforce ? core.LIMIT_KINDS : []) {
      const limit = core.limitOfKind(hold.limits, limitKind);
      const spent = core.amountOfKind(balances.spent, limitKind);
      const held = core.amountOfKind(balances.held, limitKind);
      const requested = core.amountOfKind(hold.amount, limitKind);
      if (limit !== undefined && spent + held + requested > limit) {
        return { key: hold.key, limitKind, limit, spent, held, requested };
      }
    }
  }
  return undefined;
}

/** Balances of `keys` as `store.balances` returns them. */
function balances(state: BudgetState | null, keys: readonly Bucket[], nowMs: number) {
  return keys.map(({ key, rollingWindowMs }) => ({
    key,
    ...balance(state?.entries[key], nowMs, rollingWindowMs),
  }));
}

/** Keeps the entries `keep` accepts (all buckets). */
function filterEntries(state: BudgetState, keep: (entry: Entry) => boolean): void {
  for (const [key, entries] of Object.entries(state.entries))
    state.entries[key] = entries.filter(keep);
}

/** A {@link core.BudgetStore} keeping budgets and usage records in two documents of `kv`. */
export function kvStore(kv: VersionedKv, prefix = "tokenledger:"): core.BudgetStore {
  const [budgetsKey, recordsKey] = [`${prefix}budgets`, `${prefix}records`];
  const read = async (key: string) => JSON.parse((await kv.get(key))?.value ?? "null");
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
  /** Updates the budget document, dropping what expired by `nowMs` first. */
  const budgets = <T>(nowMs: number, change: (state: BudgetState) => T) =>
    update<BudgetState, T>(budgetsKey, { entries: {}, ids: {}, claims: {} }, (state) => {
      filterEntries(state, (entry) => live(entry.expiresAtMs, nowMs));
      for (const [id, seen] of Object.entries(state.ids))
        if (nowMs >= seen.forgetAtMs) delete state.ids[id];
      for (const [key, expiresAtMs] of Object.entries(state.claims)) {
        if (!live(expiresAtMs, nowMs)) delete state.claims[key];
      }
      return change(state);
    });
  const add = (state: BudgetState, key: string, entry: Entry) => {
    state.entries[key] = [...(state.entries[key] ?? []), entry];
  };
  const records = async (): Promise<core.UsageRecord[]> =>
    ((await read(recordsKey)) ?? []).reverse();

  return {
    name: "kv",
    reserve: (request) =>
      budgets(request.nowMs, (state) => {
        const seen = state.ids[request.id];
        if (seen) return seen.outcome;
        const denied = findDenial(state, request);
        const expiresAtMs = request.nowMs + request.ttlMs;
        for (const { key, amount } of denied ? [] : request.holds) {
          add(state, key, { amount, atMs: request.nowMs, expiresAtMs, holdId: request.id });
        }
        const outcome: core.ReserveOutcome = denied
          ? { admitted: false, denied }
          : { admitted: true };
        state.ids[request.id] = { outcome, settled: false, forgetAtMs: expiresAtMs + ID_MEMORY_MS };
        return outcome;
      }),
    settle: ({ id, charges, nowMs }) =>
      budgets(nowMs, (state) => {
        const seen = state.ids[id];
        const applied = !seen?.settled;
        if (applied) {
          filterEntries(state, (entry) => entry.holdId !== id);
          for (const { key, ...charge } of charges) add(state, key, { atMs: nowMs, ...charge });
          const forgetAtMs = Math.max(seen?.forgetAtMs ?? 0, nowMs + ID_MEMORY_MS);
          const outcome = seen?.outcome ?? { admitted: true };
          state.ids[id] = { outcome, settled: true, forgetAtMs };
        }
        return { applied, balances: balances(state, charges, nowMs) };
      }),
    release: ({ id, nowMs }) =>
      budgets(nowMs, (state) => {
        if (!state.ids[id]?.settled) filterEntries(state, (entry) => entry.holdId !== id);
      }),
    balances: async ({ keys, nowMs }) => balances(await read(budgetsKey), keys, nowMs),
    claimOnce: ({ key, expiresAtMs, nowMs }) =>
      budgets(nowMs, (state) => {
        if (key in state.claims) return false; // still live: expired claims were just dropped
        state.claims[key] = expiresAtMs;
        return true;
      }),
    append: (added) =>
      update<core.UsageRecord[], void>(recordsKey, [], (list) => void list.push(...added)),
    query: async (query) => {
      const filter = core.compileRecordFilter(query);
      const found = (await records()).filter((record) => core.matchesRecordFilter(record, filter));
      found.sort((left, right) => Date.parse(right.time) - Date.parse(left.time));
      return found.slice(0, query.limit ?? found.length);
    },
    aggregate: async (query) => core.aggregateRecords(await records(), query),
  };
}
