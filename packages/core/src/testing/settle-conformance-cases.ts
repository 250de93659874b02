import { amounts, balanceOf, tokensHold } from "./conformance-fixtures.js";
import type { ConformanceCase } from "./conformance-types.js";

const TTL_MS = 60_000;

/** Cases for `settle` (idempotency, overspend, after expiry) and `release`. */
export const settleConformanceCases: readonly ConformanceCase[] = [
  {
    name: "settle replaces the hold and is idempotent: a retried settle counts once",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      const id = key("r1");
      await store.reserve({
        id,
        holds: [tokensHold(bucket, 100, 50)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      const settle = () =>
        store.settle({
          id,
          charges: [{ key: bucket, amount: amounts({ tokens: 40 }), expiresAtMs: null }],
          nowMs: at(0),
        });
      const first = await settle();
      assert.equal(
        first,
        {
          applied: true,
          balances: [{ key: bucket, spent: amounts({ tokens: 40 }), held: amounts({}) }],
        },
        "settle of 40 replaces the hold of 50 (spent 40, held 0)",
      );
      const again = await settle();
      assert.equal(
        again,
        {
          applied: false,
          balances: [{ key: bucket, spent: amounts({ tokens: 40 }), held: amounts({}) }],
        },
        "a second settle with the same id changes nothing and returns applied: false",
      );
    },
  },
  {
    name: "settle is idempotent under concurrency: 10 concurrent settles of one id apply once",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      const id = key("r1");
      await store.reserve({
        id,
        holds: [tokensHold(bucket, 1_000, 50)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          store.settle({
            id,
            charges: [{ key: bucket, amount: amounts({ tokens: 7 }), expiresAtMs: null }],
            nowMs: at(0),
          }),
        ),
      );
      const applied = results.filter((result) => result.applied).length;
      assert.ok(
        applied === 1,
        `settle is not idempotent: 10 concurrent settles of one id applied ${applied} times, expected 1`,
      );
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({ tokens: 7 }), held: amounts({}) },
        "10 concurrent settles of 7 tokens leave 7 spent",
      );
    },
  },
  {
    name: "settle larger than the hold is recorded in full and later reserves see it",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      await store.reserve({
        id: key("r1"),
        holds: [tokensHold(bucket, 100, 10)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      const result = await store.settle({
        id: key("r1"),
        charges: [{ key: bucket, amount: amounts({ tokens: 150 }), expiresAtMs: null }],
        nowMs: at(0),
      });
      assert.equal(
        result.balances,
        [{ key: bucket, spent: amounts({ tokens: 150 }), held: amounts({}) }],
        "a settle of 150 over a hold of 10 is recorded in full",
      );
      const next = await store.reserve({
        id: key("r2"),
        holds: [tokensHold(bucket, 100, 1)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(
        next,
        {
          admitted: false,
          denied: {
            key: bucket,
            limitKind: "tokens",
            limit: 100,
            spent: 150,
            held: 0,
            requested: 1,
          },
        },
        "a later reserve sees the overspend (150 spent of 100) and is denied",
      );
    },
  },
  {
    name: "settle after the hold expired still charges",
    async run({ store, key, at, span, assert }) {
      const bucket = key("a");
      await store.reserve({
        id: key("r1"),
        holds: [tokensHold(bucket, 100, 50)],
        ttlMs: span(1_000),
        nowMs: at(0),
      });
      const result = await store.settle({
        id: key("r1"),
        charges: [{ key: bucket, amount: amounts({ tokens: 30 }), expiresAtMs: null }],
        nowMs: at(5_000),
      });
      assert.equal(
        result,
        {
          applied: true,
          balances: [{ key: bucket, spent: amounts({ tokens: 30 }), held: amounts({}) }],
        },
        "a settle 5 s after a 1 s hold expired applies and charges 30",
      );
    },
  },
  {
    name: "release frees the hold and is idempotent",
    async run({ store, key, at, assert }) {
      const bucket = key("a");
      await store.reserve({
        id: key("r1"),
        holds: [tokensHold(bucket, 100, 80)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      await store.release({ id: key("r1"), nowMs: at(0) });
      await store.release({ id: key("r1"), nowMs: at(0) });
      await store.release({ id: key("never-reserved"), nowMs: at(0) });
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({}), held: amounts({}) },
        "released hold (80) is no longer held",
      );
      const full = await store.reserve({
        id: key("r2"),
        holds: [tokensHold(bucket, 100, 100)],
        ttlMs: TTL_MS,
        nowMs: at(0),
      });
      assert.equal(full, { admitted: true }, "after release the whole limit (100) can be reserved");
      await store.settle({
        id: key("r2"),
        charges: [{ key: bucket, amount: amounts({ tokens: 20 }), expiresAtMs: null }],
        nowMs: at(0),
      });
      await store.release({ id: key("r2"), nowMs: at(0) });
      assert.equal(
        await balanceOf(store, bucket, at(0)),
        { spent: amounts({ tokens: 20 }), held: amounts({}) },
        "release after settle is a no-op (20 stays spent)",
      );
    },
  },
];
