import type { BudgetStore } from "../store/store.js";
import { amounts, balanceOf, tokensHold } from "./conformance-fixtures.js";
import type { ConformanceCase } from "./conformance-types.js";

const TTL_MS = 60_000;

/** A settle of `tokens` on `bucket` for reservation `id`. */
const settleTokens = (
  store: BudgetStore,
  id: string,
  bucket: string,
  tokens: number,
  nowMs: number,
) =>
  store.settle({
    id,
    charges: [{ key: bucket, amount: amounts({ tokens }), expiresAtMs: null }],
    nowMs,
  });

/**
 * Cases for the reservation state machine: held → settled | released | expired. A settle after
 * a release or after the hold expired still charges (money spent), once; a release after a
 * settle does nothing; a release of an id never reserved leaves a tombstone that refuses a later
 * reserve with that id.
 */
export const stateConformanceCases: readonly ConformanceCase[] = [
  {
    name: "settle after release still charges, exactly once",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      const id = key("r1");
      await store.reserve({
        id,
        holds: [tokensHold(bucket, 100, 50)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      await store.release({ id, nowMs: at(0) });
      const first = await settleTokens(store, id, bucket, 30, at(0));
      assert.equal(
        first,
        {
          applied: true,
          balances: [{ key: bucket, spent: amounts({ tokens: 30 }), held: amounts({}) }],
        },
        "a settle of 30 after the release of a hold of 50 applies (money spent is never dropped)",
      );
      const again = await settleTokens(store, id, bucket, 30, at(0));
      assert.equal(
        again.applied,
        false,
        "a second settle after release → settle changes nothing (applied: false)",
      );
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({ tokens: 30 }), held: amounts({}) },
        "settle after release charges 30 once",
      );
    },
  },
  {
    name: "settle after the hold expired charges once; a release after the settle does nothing",
    async run({ store, key, at, span, assert }) {
      const bucket = key("a");
      const id = key("r1");
      await store.reserve({
        id,
        holds: [tokensHold(bucket, 100, 50)],
        ttlMs: span(1_000),
        nowMs: at(0),
      });
      assert.equal(
        await balanceOf(store, bucket, at(2_000)),
        { spent: amounts({}), held: amounts({}) },
        "the hold of 50 has expired at +2 s (1 s ttl)",
      );
      assert.equal(
        (await settleTokens(store, id, bucket, 20, at(3_000))).applied,
        true,
        "a settle after expiry applies",
      );
      assert.equal(
        (await settleTokens(store, id, bucket, 20, at(3_000))).applied,
        false,
        "a second settle after expiry → settle applies nothing",
      );
      await store.release({ id, nowMs: at(3_000) });
      assert.equal(
        await balanceOf(store, bucket, at(3_000)),
        { spent: amounts({ tokens: 20 }), held: amounts({}) },
        "settle after expiry charges 20 once; the release after it changes nothing",
      );
    },
  },
  {
    name: "concurrent settle and release charge exactly once and leave no hold, in either order",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      const orders = ["settle-first", "release-first", "together"] as const;
      for (const order of orders) {
        const id = key(`r-${order}`);
        await store.reserve({
          id,
          holds: [tokensHold(bucket, 1_000, 50)],
          ttlMs: TTL_MS,
          nowMs: at(0),
        });
        const settle = () => settleTokens(store, id, bucket, 10, at(0));
        const release = () => store.release({ id, nowMs: at(0) });
        if (order === "settle-first") {
          await settle();
          await release();
        } else if (order === "release-first") {
          await release();
          await settle();
        } else {
          await Promise.all([settle(), release(), settle(), release()]);
        }
      }
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({ tokens: 30 }), held: amounts({}) },
        "three reservations, each settled (10) and released in some order, charge 30 and hold nothing",
      );
    },
  },
  {
    name: "a release of an unknown id leaves a tombstone: a later reserve with that id is refused and holds nothing",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      const id = key("timed-out");
      // The ledger gave up on a reserve and released it; the release overtook the reserve.
      await store.release({ id, nowMs: at(0) });
      const late = await store.reserve({
        id,
        holds: [tokensHold(bucket, 100, 40)],
        ttlMs: TTL_MS,
        nowMs: at(10),
      });
      assert.equal(
        late,
        { admitted: false, released: true },
        "a reserve arriving after the release of its id is not admitted",
      );
      assert.equal(
        await balanceOf(store, bucket, at(10)),
        { spent: amounts({}), held: amounts({}) },
        "the late reserve holds nothing",
      );
      assert.equal(
        (await settleTokens(store, id, bucket, 15, at(20))).applied,
        true,
        "a settle after the tombstone still charges (money spent)",
      );
      assert.equal(
        await balanceOf(store, bucket, at(20)),
        { spent: amounts({ tokens: 15 }), held: amounts({}) },
        "the settle after the tombstone charged 15",
      );
    },
  },
];
